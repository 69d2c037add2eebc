import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IncomingMessage } from 'node:http';
import { compactVerify, jwtVerify } from 'jose';
import { ConfigError, loadConfig, type ConfigOf } from '../config/load-config.ts';
import { platformSettings } from '../config/platform-settings.ts';
import { secret, text } from '../config/setting.ts';
import { cookieOf } from './cookies.ts';
import type { Identity } from './http-exchange.ts';

/** The keys every function reads to identify callers; put `...identifySettings` into a manifest's settings. */
export const identifySettings = {
  profile: platformSettings.profile,
  dataDir: platformSettings.dataDir,
  jwtSecret: secret('PILOG_JWT_SECRET', 32, {
    default: '',
    description: 'HS256 key of the session tokens (≥ 32 bytes); required in the services profile, generated under the data dir in the embedded one',
  }),
  accessCookieName: text('PILOG_COOKIE_ACCESS_NAME', { default: 'jiniaslog_access', description: 'name of the access-token cookie' }),
};
export type IdentifyConfig = ConfigOf<typeof identifySettings>;

export const DEV_JWT_SECRET_FILE = 'dev-jwt-secret';

/**
 * The signing key. Services: PILOG_JWT_SECRET, required. Embedded: that, or a random secret created once under
 * the data dir and shared by every function of the dev host (and kept across restarts, so sign-ins survive them).
 */
export function jwtKey(config: Pick<IdentifyConfig, 'profile' | 'dataDir' | 'jwtSecret'>): Uint8Array {
  if (config.jwtSecret !== '') return new TextEncoder().encode(config.jwtSecret);
  if (config.profile !== 'embedded') throw new ConfigError('Invalid configuration: PILOG_JWT_SECRET is required in the services profile');
  const file = join(config.dataDir, DEV_JWT_SECRET_FILE);
  mkdirSync(config.dataDir, { recursive: true });
  try {
    writeFileSync(file, randomBytes(48).toString('base64url'), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return new TextEncoder().encode(readFileSync(file, 'utf8').trim());
}

export interface AccessClaims {
  readonly userId: number;
  readonly roles: readonly string[];
  readonly fid: string;
}

function accessClaimsOf(payload: Record<string, unknown>): AccessClaims | null {
  const { typ, sub, roles, fid } = payload;
  if (typ !== 'access' || typeof sub !== 'string' || !/^[1-9][0-9]{0,15}$/.test(sub) || typeof fid !== 'string') return null;
  if (!Array.isArray(roles) || !roles.every((role) => typeof role === 'string')) return null;
  const userId = Number(sub);
  return Number.isSafeInteger(userId) ? { userId, roles: roles as string[], fid } : null;
}

/**
 * Reads an access token (contract §0.5): HS256 with our key, `typ=access`, not expired. Anything else — forged,
 * expired, a refresh token, garbage — is null, never an error: a bad token only makes the caller anonymous.
 * `ignoreExpiry` is for logout, which must find the family of an expired token.
 */
export async function readAccessToken(token: string, key: Uint8Array, options: { ignoreExpiry?: boolean; now?: Date } = {}): Promise<AccessClaims | null> {
  try {
    if (options.ignoreExpiry) {
      const { payload } = await compactVerify(token, key, { algorithms: ['HS256'] });
      return accessClaimsOf(JSON.parse(new TextDecoder().decode(payload)) as Record<string, unknown>);
    }
    const { payload } = await jwtVerify(token, key, { algorithms: ['HS256'], requiredClaims: ['exp', 'sub'], ...(options.now ? { currentDate: options.now } : {}) });
    return accessClaimsOf(payload);
  } catch {
    return null;
  }
}

export type Identify = (request: IncomingMessage) => Promise<Identity | null>;

/** The `identify` of HttpFunctionDeps: the access cookie, and only it (the Authorization header is never read). */
export function createIdentify(options: { key: Uint8Array; accessCookieName: string }): Identify {
  return async (request) => {
    const token = cookieOf(request.headers, options.accessCookieName);
    if (token === undefined) return null;
    const claims = await readAccessToken(token, options.key);
    return claims && { userId: claims.userId, roles: claims.roles };
  };
}

/** What a function's `start` calls: `registerHttpFunction(manifest, handlers, { logger, identify: identifyFromEnv(context.env) })`. */
export function identifyFromEnv(env: Readonly<Record<string, string | undefined>>): Identify {
  const config = loadConfig(identifySettings, env);
  return createIdentify({ key: jwtKey(config), accessCookieName: config.accessCookieName });
}
