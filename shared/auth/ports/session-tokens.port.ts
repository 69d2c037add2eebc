import type { Role } from '../domain/role.ts';
import type { TokenPair } from '../domain/session.ts';

export interface SessionClaims {
  readonly userId: number;
  readonly roles: readonly Role[];
  readonly fid: string;
}

/**
 * Everything cryptographic about session tokens (contract §0.5): minting and reading the JWTs, hashing refresh
 * tokens for storage, and sealing a pair under a key derived from a refresh token.
 */
export interface SessionTokens {
  newFamilyId(): string;
  mint(claims: SessionClaims): Promise<TokenPair>;
  /** A refresh token that verifies and is not expired, else null. */
  readRefresh(token: string): Promise<{ readonly userId: number; readonly fid: string } | null>;
  /** An access token whose signature verifies, expired or not (logout), else null. */
  readAccessIgnoringExpiry(token: string): Promise<{ readonly fid: string } | null>;
  hash(token: string): string;
  seal(pair: TokenPair, refreshToken: string): string;
  /** Null when the sealed text was not made with that token. */
  open(sealed: string, refreshToken: string): TokenPair | null;
}
