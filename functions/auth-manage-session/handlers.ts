import { refreshSession, type RefreshSessionDeps } from '../../shared/auth/application/refresh-session.ts';
import { signInWithCode, startSignIn, type SignInWithCodeDeps } from '../../shared/auth/application/sign-in.ts';
import { signOut } from '../../shared/auth/application/sign-out.ts';
import type { AppError } from '../../shared/kernel/app-error.ts';
import { err, ok, type Result } from '../../shared/kernel/result.ts';
import { cookieOf } from '../../shared/platform/http/cookies.ts';
import type { Logger } from '../../shared/platform/logging/logger.ts';
import { answer, errorResponse, type HttpRequest, type HttpResponse } from '../../shared/platform/http/http-exchange.ts';
import type { RouteHandlers } from '../../shared/platform/http/http-function.ts';
import { rateLimited, type RateLimiter } from '../../shared/platform/rate-limit/rate-limiter.port.ts';
import type { authRoutes } from './function.ts';
import { PKCE_COOKIE, parsePkceCookie, type SessionCookies } from './session-cookies.ts';

export interface AuthHandlerDeps {
  readonly useCases: SignInWithCodeDeps & RefreshSessionDeps;
  readonly cookies: SessionCookies;
  readonly cookieNames: { readonly access: string; readonly refresh: string };
  readonly signInLimiter: RateLimiter;
  readonly refreshLimiter: RateLimiter;
  /** Sign-ins, rejections and revocations are security events: logged with ids, never with tokens. */
  readonly logger: Logger;
}

const NO_STORE = { 'Cache-Control': 'no-store' };

async function limit(limiter: RateLimiter, request: HttpRequest): Promise<Result<void, AppError>> {
  const decision = await limiter.hit(request.clientIp || 'unknown');
  return decision.allowed ? ok(undefined) : err(rateLimited(decision.retryAfterSeconds));
}

/** HTTP ↔ use cases for the auth routes (contract §1.6, §2.6): cookies in, cookies out. */
export function authHandlers(deps: AuthHandlerDeps): RouteHandlers<typeof authRoutes> {
  return {
    async authorizationUrl(request) {
      const allowed = await limit(deps.signInLimiter, request);
      if (!allowed.ok) return allowed;
      const started = await startSignIn(deps.useCases, { provider: request.params.provider ?? '' });
      return answer(started, 200, ({ url }) => ({ url }), ({ pkce }) => ({ ...NO_STORE, 'Set-Cookie': [deps.cookies.setPkce(pkce)] }));
    },

    async login(request) {
      const allowed = await limit(deps.signInLimiter, request);
      if (!allowed.ok) return allowed;
      const session = await signInWithCode(deps.useCases, {
        provider: request.params.provider ?? '',
        code: request.body.code,
        pkce: parsePkceCookie(cookieOf(request.headers, PKCE_COOKIE)),
      });
      if (session.ok) deps.logger.info('signed in', { userId: session.value.loginInfo.userId, roles: session.value.loginInfo.roles, clientIp: request.clientIp });
      else deps.logger.warn('sign-in failed', { code: session.error.code, reason: session.error.message, clientIp: request.clientIp });
      return answer(session, 200, ({ loginInfo }) => loginInfo, ({ tokens }) => ({ ...NO_STORE, 'Set-Cookie': [...deps.cookies.set(tokens), deps.cookies.clearPkce()] }));
    },

    async refresh(request): Promise<Result<HttpResponse, AppError>> {
      const allowed = await limit(deps.refreshLimiter, request);
      if (!allowed.ok) return allowed;
      const session = await refreshSession(deps.useCases, { refreshToken: cookieOf(request.headers, deps.cookieNames.refresh) });
      if (!session.ok) {
        deps.logger.warn('refresh rejected', { reason: session.error.message, clientIp: request.clientIp });
        // The failure's answer, with the cookies cleared: the frontend must sign in again.
        const rejected = errorResponse(session.error);
        return ok({ ...rejected, headers: { ...rejected.headers, ...NO_STORE, 'Set-Cookie': deps.cookies.clear() } });
      }
      return answer(session, 200, ({ loginInfo }) => loginInfo, ({ tokens }) => ({ ...NO_STORE, 'Set-Cookie': deps.cookies.set(tokens) }));
    },

    async logout(request) {
      deps.logger.info('signing out', { userId: request.identity?.userId ?? null });
      try {
        await signOut(deps.useCases, {
          accessToken: cookieOf(request.headers, deps.cookieNames.access),
          refreshToken: cookieOf(request.headers, deps.cookieNames.refresh),
        });
      } catch (error) {
        // Logout never fails (§1.6): the cookies go regardless; the family then dies with its refresh lifetime.
        deps.logger.error('could not revoke the session on logout', { error });
      }
      return ok({ status: 200, headers: { ...NO_STORE, 'Set-Cookie': deps.cookies.clear() } });
    },
  };
}
