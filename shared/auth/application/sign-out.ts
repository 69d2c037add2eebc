import type { SessionTokens } from '../ports/session-tokens.port.ts';
import type { TokenFamilyStore } from '../ports/token-family-store.port.ts';

export interface SignOutDeps {
  readonly tokens: SessionTokens;
  readonly families: TokenFamilyStore;
}

/**
 * §2.6 logout: the family is named by the access token's `fid` (signature checked, expiry not), or by a refresh
 * token if one is presented; each is revoked. Never fails: signing out without a session is still signed out.
 */
export async function signOut(deps: SignOutDeps, input: { readonly accessToken: string | undefined; readonly refreshToken: string | undefined }): Promise<void> {
  const fids = new Set<string>();
  if (input.accessToken !== undefined) {
    const access = await deps.tokens.readAccessIgnoringExpiry(input.accessToken);
    if (access) fids.add(access.fid);
  }
  if (input.refreshToken !== undefined) {
    const refresh = await deps.tokens.readRefresh(input.refreshToken);
    if (refresh) fids.add(refresh.fid);
  }
  for (const fid of fids) await deps.families.revoke(fid);
}
