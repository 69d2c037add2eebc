import { openAuth } from '../../shared/auth/adapters/open-auth.ts';
import { loadAuthConfig } from '../../shared/auth/adapters/auth-settings.ts';
import { registerHttpFunction } from '../../shared/platform/http/http-function.ts';
import { createIdentify } from '../../shared/platform/http/identify.ts';
import { openEventPublisher } from '../../shared/platform/messaging/open-event-publisher.ts';
import { openPlatform } from '../../shared/platform/runtime/open-platform.ts';
import type { RunningFunction, RuntimeContext } from '../../shared/platform/runtime/running-function.ts';
import { manifest } from './function.ts';
import { authHandlers } from './handlers.ts';
import { sessionCookies } from './session-cookies.ts';

export async function start(context: RuntimeContext): Promise<RunningFunction> {
  const config = loadAuthConfig(context.env);
  const platform = openPlatform(config, { name: manifest.name, logger: context.logger, publisher: openEventPublisher });
  const [useCases, rateLimiters] = await Promise.all([openAuth(platform, config), platform.rateLimiters()]);
  const handlers = authHandlers({
    useCases,
    cookies: sessionCookies(config.cookies, { accessSeconds: config.accessTtlSeconds, refreshSeconds: config.refreshTtlSeconds }),
    cookieNames: { access: config.cookies.accessName, refresh: config.cookies.refreshName },
    signInLimiter: rateLimiters('auth-signin', config.signInRate),
    refreshLimiter: rateLimiters('auth-refresh', config.refreshRate),
    logger: context.logger,
  });
  const identify = createIdentify({ key: config.jwtKey, accessCookieName: config.cookies.accessName });
  registerHttpFunction(manifest, handlers, { logger: context.logger, identify });
  context.logger.info('auth ready', { profile: config.profile, issuer: config.oidc.issuer, devIdp: config.devIdp });
  return { name: manifest.name, close: platform.close };
}
