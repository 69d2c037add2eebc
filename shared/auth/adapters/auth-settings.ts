import { ConfigError, loadConfig, type ConfigOf } from '../../platform/config/load-config.ts';
import { DEV_PUBLIC_API_URL, platformSettings } from '../../platform/config/platform-settings.ts';
import { flag, integer, list, oneOf, text, url, type Setting } from '../../platform/config/setting.ts';
import type { CookieAttributes, SameSite } from '../../platform/http/cookies.ts';
import { identifySettings, jwtKey } from '../../platform/http/identify.ts';
import { rateRules } from '../../platform/rate-limit/rate-rules.ts';
import type { RateRule } from '../../platform/rate-limit/rate-limiter.port.ts';

/** A setting whose default depends on the profile: undefined when the key is absent. */
const optional = <T>(setting: Setting<T>): Setting<T | undefined> => ({ ...setting, fallback: () => undefined });

export const DEV_CLIENT_ID = 'pilog-dev';
export const DEV_CLIENT_SECRET = 'pilog-dev-secret';
export const DEV_ADMIN_EMAILS: readonly string[] = ['admin@example.com'];
export const DEV_FRONTEND_URL = 'http://localhost:3000';
export const DEFAULT_PIC_URL = 'https://github.com/identicons/pilog.png';
export const FRONTEND_CALLBACK_PATH = '/login/oauth2/code/google';

export const authSettings = {
  ...identifySettings,
  mysqlUrl: platformSettings.mysqlUrl,
  redisUrl: platformSettings.redisUrl,
  redisCommandTimeoutMs: platformSettings.redisCommandTimeoutMs,
  kafkaBrokers: platformSettings.kafkaBrokers,
  nodeEnv: text('NODE_ENV', { default: '', description: 'production together with PILOG_PROFILE=services marks a production run' }),
  refreshCookieName: text('PILOG_COOKIE_REFRESH_NAME', { default: 'jiniaslog_refresh', description: 'name of the refresh-token cookie' }),
  cookieDomain: text('PILOG_COOKIE_DOMAIN', { default: '', description: 'Domain of the session cookies; empty = host-only' }),
  cookieSameSite: oneOf('PILOG_COOKIE_SAMESITE', ['Strict', 'Lax', 'None'], { default: 'Strict' }),
  cookieInsecure: optional(flag('PILOG_COOKIE_INSECURE', { description: 'drop Secure and Domain for plain-http local runs; default true in embedded, false in services; refused in production' })),
  accessTtlSeconds: integer('PILOG_ACCESS_TTL_S', 10, 86_400, { default: 3600 }),
  refreshTtlSeconds: integer('PILOG_REFRESH_TTL_S', 60, 31_536_000, { default: 604_800 }),
  refreshGraceSeconds: integer('PILOG_REFRESH_GRACE_S', 0, 60, { default: 5, description: 'concurrent refreshes with the previous token within this window get the same pair' }),
  adminEmails: optional(list('PILOG_ADMIN_EMAILS', { description: 'emails that sign in as ADMIN; default admin@example.com in embedded, none in services' })),
  devIdp: optional(flag('PILOG_DEV_IDP', { description: 'point sign-in at the built-in development OpenID provider; default true in embedded; refused in production' })),
  oidcIssuer: optional(url('PILOG_OIDC_ISSUER', { description: 'default https://accounts.google.com, or <PILOG_PUBLIC_API_URL>/oidc with PILOG_DEV_IDP' })),
  oidcClientId: text('PILOG_OIDC_CLIENT_ID', { default: '' }),
  oidcClientSecret: text('PILOG_OIDC_CLIENT_SECRET', { default: '', secret: true }),
  oidcRedirectUrl: optional(url('PILOG_OIDC_REDIRECT_URL', { description: 'the frontend page the provider redirects to; default <frontend>/login/oauth2/code/google' })),
  defaultPicUrl: url('PILOG_DEFAULT_PIC_URL', {
    default: DEFAULT_PIC_URL,
    description: "the login answer's picUrl for a user whose provider gives no picture (the frontend's image loader allows github.com and lh3.googleusercontent.com)",
  }),
  siteUrl: url('PILOG_SITE_URL', { default: 'https://www.jiniaslog.co.kr' }),
  publicApiUrl: optional(url('PILOG_PUBLIC_API_URL')),
  signInRate: rateRules('PILOG_AUTH_SIGNIN_RATE', '20/1m,200/1h', 'sign-in URL and login calls per client address'),
  refreshRate: rateRules('PILOG_AUTH_REFRESH_RATE', '60/1m,1000/1h', 'refresh calls per client address'),
};

type Env = Readonly<Record<string, string | undefined>>;

/** Production = the services profile with NODE_ENV=production (how the container image runs). */
export const isProductionRuntime = (env: Env): boolean => (env.PILOG_PROFILE ?? 'embedded') === 'services' && env.NODE_ENV === 'production';

export interface SessionCookiePolicy {
  readonly accessName: string;
  readonly refreshName: string;
  /** Path, Max-Age aside: what both session cookies share. */
  readonly base: Omit<CookieAttributes, 'path' | 'maxAge'>;
}

export interface OidcClientConfig {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly redirectUrl: string;
  readonly allowInsecureRequests: boolean;
}

export interface AuthConfig {
  readonly profile: 'embedded' | 'services';
  readonly production: boolean;
  readonly dataDir: string;
  readonly mysqlUrl: string;
  readonly redisUrl: string;
  readonly redisCommandTimeoutMs: number;
  /** Where sign-ins publish `userProfileChanged` (services profile). */
  readonly kafkaBrokers: string;
  readonly jwtKey: Uint8Array;
  readonly cookies: SessionCookiePolicy;
  readonly accessTtlSeconds: number;
  readonly refreshTtlSeconds: number;
  readonly refreshGraceSeconds: number;
  readonly defaultPicUrl: string;
  readonly adminEmails: readonly string[];
  readonly devIdp: boolean;
  readonly oidc: OidcClientConfig;
  readonly signInRate: readonly RateRule[];
  readonly refreshRate: readonly RateRule[];
}

const fail = (message: string): never => {
  throw new ConfigError(`Invalid configuration: ${message}`);
};

function oidcConfig(raw: ConfigOf<typeof authSettings>, devIdp: boolean, production: boolean): OidcClientConfig {
  const embedded = raw.profile === 'embedded';
  const issuer = raw.oidcIssuer ?? (devIdp ? `${raw.publicApiUrl ?? DEV_PUBLIC_API_URL}/oidc` : 'https://accounts.google.com');
  const clientId = raw.oidcClientId || (devIdp ? DEV_CLIENT_ID : fail('PILOG_OIDC_CLIENT_ID is required unless PILOG_DEV_IDP is on'));
  const clientSecret = raw.oidcClientSecret || (devIdp ? DEV_CLIENT_SECRET : fail('PILOG_OIDC_CLIENT_SECRET is required unless PILOG_DEV_IDP is on'));
  const redirectUrl = raw.oidcRedirectUrl ?? `${embedded ? DEV_FRONTEND_URL : raw.siteUrl}${FRONTEND_CALLBACK_PATH}`;
  const plainHttp = issuer.startsWith('http:');
  if (plainHttp && production) fail('PILOG_OIDC_ISSUER must be https in production');
  return { issuer, clientId, clientSecret, redirectUrl, allowInsecureRequests: plainHttp };
}

/**
 * Reads and checks the auth settings once, at start. Profile-dependent defaults are applied here; combinations that
 * must never reach production (the development provider, insecure cookies, an http issuer) fail the start.
 */
export function loadAuthConfig(env: Env): AuthConfig {
  const raw = loadConfig(authSettings, env);
  const production = raw.profile === 'services' && raw.nodeEnv === 'production';
  const embedded = raw.profile === 'embedded';
  const devIdp = raw.devIdp ?? embedded;
  if (devIdp && production) fail('PILOG_DEV_IDP cannot be enabled in production (PILOG_PROFILE=services with NODE_ENV=production)');
  const insecure = raw.cookieInsecure ?? embedded;
  if (insecure && production) fail('PILOG_COOKIE_INSECURE cannot be enabled in production');
  const sameSite: SameSite = raw.cookieSameSite;
  if (sameSite === 'None' && insecure) fail('PILOG_COOKIE_SAMESITE=None needs secure cookies (PILOG_COOKIE_INSECURE=false)');
  return {
    profile: raw.profile,
    production,
    dataDir: raw.dataDir,
    mysqlUrl: raw.mysqlUrl,
    redisUrl: raw.redisUrl,
    redisCommandTimeoutMs: raw.redisCommandTimeoutMs,
    kafkaBrokers: raw.kafkaBrokers,
    jwtKey: jwtKey(raw),
    cookies: {
      accessName: raw.accessCookieName,
      refreshName: raw.refreshCookieName,
      base: { httpOnly: true, secure: !insecure, sameSite, domain: insecure ? '' : raw.cookieDomain },
    },
    accessTtlSeconds: raw.accessTtlSeconds,
    refreshTtlSeconds: raw.refreshTtlSeconds,
    refreshGraceSeconds: raw.refreshGraceSeconds,
    defaultPicUrl: raw.defaultPicUrl,
    adminEmails: raw.adminEmails ?? (embedded ? DEV_ADMIN_EMAILS : []),
    devIdp,
    oidc: oidcConfig(raw, devIdp, production),
    signInRate: raw.signInRate,
    refreshRate: raw.refreshRate,
  };
}
