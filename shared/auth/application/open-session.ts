import { loginInfoOf } from '../domain/login-info.ts';
import type { Session } from '../domain/session.ts';
import type { User } from '../domain/user.ts';
import type { SessionTokens } from '../ports/session-tokens.port.ts';
import type { TokenFamilyStore } from '../ports/token-family-store.port.ts';

export interface OpenSessionDeps {
  readonly tokens: SessionTokens;
  readonly families: TokenFamilyStore;
  readonly refreshTtlSeconds: number;
  /** The login answer's picture for a user whose provider gave none. */
  readonly defaultPicUrl: string;
}

/** §2.6 step 5: a new token family for this sign-in (one per device), and its first pair. */
export async function openSession(deps: OpenSessionDeps, user: User): Promise<Session> {
  const fid = deps.tokens.newFamilyId();
  const tokens = await deps.tokens.mint({ userId: user.id, roles: user.roles, fid });
  await deps.families.create({ fid, userId: user.id, currentHash: deps.tokens.hash(tokens.refresh) }, deps.refreshTtlSeconds);
  return { loginInfo: loginInfoOf(user, deps.defaultPicUrl), tokens };
}
