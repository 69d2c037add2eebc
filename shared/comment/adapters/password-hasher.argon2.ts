import { hash, verify } from '@node-rs/argon2';
import type { PasswordHasher } from '../ports/password-hasher.port.ts';

/**
 * argon2id (the library's default algorithm) at OWASP's minimum of 19 MiB, 2 passes, 1 lane: a guess costs an
 * attacker real memory while one hash stays in the tens of milliseconds on a Raspberry Pi 4.
 */
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function createArgon2PasswordHasher(options: Partial<typeof OPTIONS> = {}): PasswordHasher {
  const settings = { ...OPTIONS, ...options };
  return {
    hash: (password) => hash(password, settings),
    async verify(stored, password) {
      try {
        return await verify(stored, password);
      } catch {
        // A stored value that is not an argon2 hash matches nothing.
        return false;
      }
    },
  };
}
