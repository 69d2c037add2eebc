import { appError, type AppError } from '../../kernel/app-error.ts';
import type { Clock } from '../../kernel/clock.ts';
import { err, ok, type Result } from '../../kernel/result.ts';
import { loginInfoOf, type Session } from '../domain/session.ts';
import { judgeRefresh } from '../domain/token-family.ts';
import type { SessionTokens } from '../ports/session-tokens.port.ts';
import type { TokenFamilyStore } from '../ports/token-family-store.port.ts';
import type { UserRepository } from '../ports/user-repository.port.ts';

export interface RefreshSessionDeps {
  readonly tokens: SessionTokens;
  readonly families: TokenFamilyStore;
  readonly users: UserRepository;
  readonly clock: Clock;
  readonly refreshTtlSeconds: number;
  readonly refreshGraceSeconds: number;
  readonly defaultPicUrl: string;
}

/** A lost compare-and-set means another rotation just won; its pair is then reachable as a replay. */
const MAX_ATTEMPTS = 3;

/** Every refusal answers 401 REFRESH_REJECTED: the frontend then sends the user to sign in again. */
const refreshRejected = (why: string): AppError => appError('REFRESH_REJECTED', `refresh rejected: ${why}`);

/**
 * §2.6 refresh rotation. The current token rotates the family (roles re-read from the database); the previous one
 * within the grace window gets the pair that rotation minted; anything else revokes the family.
 */
export async function refreshSession(deps: RefreshSessionDeps, input: { readonly refreshToken: string | undefined }): Promise<Result<Session, AppError>> {
  if (input.refreshToken === undefined) return err(refreshRejected('no refresh cookie'));
  const claims = await deps.tokens.readRefresh(input.refreshToken);
  if (claims === null) return err(refreshRejected('invalid or expired refresh token'));
  const presentedHash = deps.tokens.hash(input.refreshToken);

  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const family = await deps.families.find(claims.fid);
    if (family === null || family.userId !== claims.userId) return err(refreshRejected('session ended'));
    const verdict = judgeRefresh(family, presentedHash, deps.clock.now(), deps.refreshGraceSeconds * 1000);
    if (verdict === 'reuse') {
      await deps.families.revoke(family.fid);
      return err(refreshRejected('refresh token reused; the session is revoked'));
    }
    const user = await deps.users.findById(family.userId);
    if (user === null) {
      await deps.families.revoke(family.fid);
      return err(refreshRejected('unknown user'));
    }
    if (verdict === 'replay') {
      const tokens = deps.tokens.open(family.sealedPair ?? '', input.refreshToken);
      if (tokens === null) return err(refreshRejected('session state unreadable'));
      return ok({ loginInfo: loginInfoOf(user, deps.defaultPicUrl), tokens });
    }
    const tokens = await deps.tokens.mint({ userId: user.id, roles: user.roles, fid: family.fid });
    const rotated = await deps.families.rotate(
      family.fid,
      { expectedHash: presentedHash, newHash: deps.tokens.hash(tokens.refresh), sealedPair: deps.tokens.seal(tokens, input.refreshToken), at: deps.clock.now() },
      deps.refreshTtlSeconds,
    );
    if (rotated) return ok({ loginInfo: loginInfoOf(user, deps.defaultPicUrl), tokens });
  }
  return err(refreshRejected('too many concurrent refreshes'));
}
