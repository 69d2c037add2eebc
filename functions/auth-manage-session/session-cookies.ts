import type { SessionCookiePolicy } from '../../shared/auth/adapters/auth-settings.ts';
import type { PkceState } from '../../shared/auth/ports/identity-provider.port.ts';
import type { TokenPair } from '../../shared/auth/domain/session.ts';
import { clearCookie, serializeCookie, type CookieAttributes } from '../../shared/platform/http/cookies.ts';

export const PKCE_COOKIE = 'pilog_oauth_pkce';
const PKCE_PATH = '/api/v1/auth';
const PKCE_TTL_SECONDS = 600;
const REFRESH_PATH = '/api/v1/auth/refresh';

/** The cookies of contract §0.5 and §2.6, from the configured policy. */
export function sessionCookies(policy: SessionCookiePolicy, ttl: { accessSeconds: number; refreshSeconds: number }) {
  const access: CookieAttributes = { ...policy.base, path: '/', maxAge: ttl.accessSeconds };
  const refresh: CookieAttributes = { ...policy.base, path: REFRESH_PATH, maxAge: ttl.refreshSeconds };
  // Lax, host-only and short: it must survive the top-level redirect back from the provider, and nothing else.
  const pkce: CookieAttributes = { path: PKCE_PATH, maxAge: PKCE_TTL_SECONDS, httpOnly: true, secure: policy.base.secure, sameSite: 'Lax', domain: '' };
  return {
    set: (tokens: TokenPair): string[] => [serializeCookie(policy.accessName, tokens.access, access), serializeCookie(policy.refreshName, tokens.refresh, refresh)],
    clear: (): string[] => [clearCookie(policy.accessName, access), clearCookie(policy.refreshName, refresh)],
    setPkce: (state: PkceState): string => serializeCookie(PKCE_COOKIE, `${state.verifier}.${state.nonce}`, pkce),
    clearPkce: (): string => clearCookie(PKCE_COOKIE, pkce),
  };
}

export type SessionCookies = ReturnType<typeof sessionCookies>;

const BASE64URL = /^[\w-]{16,128}$/;

export function parsePkceCookie(value: string | undefined): PkceState | undefined {
  const [verifier, nonce, extra] = (value ?? '').split('.');
  if (extra !== undefined || !verifier || !nonce || !BASE64URL.test(verifier) || !BASE64URL.test(nonce)) return undefined;
  return { verifier, nonce };
}
