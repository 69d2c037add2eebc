import { hash, verify } from '@node-rs/argon2';
import type { PasswordHasher } from '../ports/password-hasher.port.ts';

/**
 * argon2id (the library's default algorithm) at OWASP's minimum of 19 MiB, 2 passes, 1 lane: a guess costs an
 * attacker real memory while one hash stays in the tens of milliseconds on a Raspberry Pi 4.
 */
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** What Spring Security's BCryptPasswordEncoder wrote for the original backend's guests (carried over by the import). */
const BCRYPT = /^\$2[abxy]\$/;

async function verifyBcrypt(stored: string, password: string): Promise<boolean> {
  // Loaded on the first imported hash only: most comment functions never meet one, and cold start is the cost.
  const bcrypt = await import('@node-rs/bcrypt');
  return bcrypt.verify(password, stored);
}

export function createArgon2PasswordHasher(options: Partial<typeof OPTIONS> = {}): PasswordHasher {
  const settings = { ...OPTIONS, ...options };
  return {
    hash: (password) => hash(password, settings),
    async verify(stored, password) {
      try {
        return BCRYPT.test(stored) ? await verifyBcrypt(stored, password) : await verify(stored, password);
      } catch {
        // A stored value that is neither an argon2 nor a bcrypt hash matches nothing.
        return false;
      }
    },
    needsRehash: (stored) => !stored.startsWith('$argon2id$'),
  };
}
