/**
 * One sign-in on one device: the chain of refresh tokens rotated from it (§2.6). Only hashes of refresh tokens are
 * kept. `sealedPair` is the pair minted by the last rotation, encrypted under a key only the previous refresh token
 * yields, so concurrent refreshes with that token can be handed the very same pair without the store ever holding
 * a usable token.
 */
export interface TokenFamily {
  readonly fid: string;
  readonly userId: number;
  readonly currentHash: string;
  readonly previousHash: string | null;
  /** Epoch ms when `previousHash` was rotated out. */
  readonly rotatedAt: number | null;
  readonly sealedPair: string | null;
}

/**
 * What a presented refresh token means for its family:
 * - `rotate`: it is the current token — mint the next pair;
 * - `replay`: it was rotated out less than the grace window ago — a concurrent duplicate, hand out the same pair;
 * - `reuse`: older, or past the window — treated as theft, the family is revoked.
 */
export type RefreshVerdict = 'rotate' | 'replay' | 'reuse';

export function judgeRefresh(family: TokenFamily, presentedHash: string, now: number, graceMs: number): RefreshVerdict {
  if (presentedHash === family.currentHash) return 'rotate';
  const withinGrace = family.rotatedAt !== null && now - family.rotatedAt <= graceMs;
  if (presentedHash === family.previousHash && withinGrace && family.sealedPair !== null) return 'replay';
  return 'reuse';
}
