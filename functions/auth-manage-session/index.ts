import { loadAuthConfig } from '../../shared/auth/adapters/auth-settings.ts';
import { registerHttpFunction } from '../../shared/platform/http/http-function.ts';
import { createIdentify } from '../../shared/platform/http/identify.ts';
import type { RunningFunction, RuntimeContext } from '../../shared/platform/runtime/running-function.ts';
import { manifest } from './function.ts';
import { authHandlers } from './handlers.ts';
import { sessionCookies } from './session-cookies.ts';
import { wireAuth } from './wiring.ts';

export async function start(context: RuntimeContext): Promise<RunningFunction> {
  const config = loadAuthConfig(context.env);
  const wiring = await wireAuth(config, context.logger);
  const handlers = authHandlers({
    useCases: wiring.useCases,
    cookies: sessionCookies(config.cookies, { accessSeconds: config.accessTtlSeconds, refreshSeconds: config.refreshTtlSeconds }),
    cookieNames: { access: config.cookies.accessName, refresh: config.cookies.refreshName },
    signInLimiter: wiring.rateLimiters('auth-signin', config.signInRate),
    refreshLimiter: wiring.rateLimiters('auth-refresh', config.refreshRate),
    logger: context.logger,
  });
  const identify = createIdentify({ key: config.jwtKey, accessCookieName: config.cookies.accessName });
  registerHttpFunction(manifest, handlers, { logger: context.logger, identify });
  context.logger.info('auth ready', { profile: config.profile, issuer: config.oidc.issuer, devIdp: config.devIdp });
  return { name: manifest.name, close: () => wiring.close() };
}
