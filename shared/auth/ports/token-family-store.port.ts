import type { TokenFamily } from '../domain/token-family.ts';

export interface Rotation {
  readonly expectedHash: string;
  readonly newHash: string;
  readonly sealedPair: string;
  readonly at: number;
}

/**
 * Where token families live: Redis in the services profile, the SQL database in the embedded one. Every family
 * expires `ttlSeconds` after its last write, so an abandoned device leaves nothing behind.
 */
export interface TokenFamilyStore {
  create(family: { readonly fid: string; readonly userId: number; readonly currentHash: string }, ttlSeconds: number): Promise<void>;
  find(fid: string): Promise<TokenFamily | null>;
  /**
   * Compare-and-set, atomic across instances: only if the current hash is still `expectedHash`, it becomes the
   * previous one (with `at`) and `newHash` the current. False when another rotation won.
   */
  rotate(fid: string, rotation: Rotation, ttlSeconds: number): Promise<boolean>;
  revoke(fid: string): Promise<void>;
}
