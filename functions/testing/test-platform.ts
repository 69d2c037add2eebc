import { loadConfig } from '../../shared/platform/config/load-config.ts';
import { platformSettings } from '../../shared/platform/config/platform-settings.ts';
import type { TestDatabase } from '../../shared/platform/database/testing/test-databases.ts';
import { createLogger, type Logger, type LogLevel } from '../../shared/platform/logging/logger.ts';
import { startDevHost, type DevHost } from '../../tools/dev-host/dev-host.ts';
import { callerOf, FRONTEND_ORIGIN, requestAt, signIn, type ApiCaller, type RequestInit, type SignedInCaller } from './api-caller.ts';
import type { CookieJar } from '../../shared/auth/testing/browser.ts';
import { createJoseSessionTokens } from '../../shared/auth/adapters/session-tokens.jose.ts';
import { systemClock } from '../../shared/kernel/clock.ts';
import { jwtKey } from '../../shared/platform/http/identify.ts';
import { hostFunctions, type EventSinks, type PlatformFunction } from './host-functions.ts';
import { ADMIN_EMAIL, prepareProfileData, type Profile } from './platform-env.ts';

export type Role = 'anonymous' | 'user' | 'admin' | 'anotherOwner';

const ROLE_EMAILS: Readonly<Record<Exclude<Role, 'anonymous'>, string>> = {
  user: 'user@example.com',
  admin: ADMIN_EMAIL,
  anotherOwner: 'another-owner@example.com',
};

export interface TestPlatformOptions {
  /** Variables on top of the profile's (platform-env.ts). */
  readonly env?: Record<string, string>;
  /** Where the functions log; by default into `logLines`, from `logLevel` up (debug for some functions, warn for the whole registry, whose debug lines would fill memory). */
  readonly logger?: Logger;
  readonly logLevel?: LogLevel;
}

export interface TestPlatform {
  readonly profile: Profile;
  /** The edge, with the development identity provider under `/oidc` on the same port. */
  readonly base: string;
  /** The development identity provider's issuer. */
  readonly issuer: string;
  readonly env: Readonly<Record<string, string>>;
  /** Every line the functions logged (unless a logger was given). */
  readonly logLines: string[];
  readonly anonymous: ApiCaller;
  /** A browser request with the frontend's Origin, carrying and keeping `jar`'s cookies. */
  request(jar: CookieJar, path: string, init?: RequestInit): Promise<Response>;
  /** Signs in at the development identity provider like a person would: ADMIN for ADMIN_EMAIL, USER otherwise. */
  signIn(email: string): Promise<SignedInCaller>;
  /** An access cookie for a user with these roles, signed as the auth function signs it: a caller without signing in. */
  cookieFor(userId: number, roles?: readonly ('USER' | 'ADMIN')[]): Promise<string>;
  /** A caller in a role of the access table; each role is a person of its own. */
  signInAs(role: Role): Promise<ApiCaller>;
  /** The common first step of a journey: `by` creates an article, writes its draft and publishes it; answers its id. */
  publishArticle(by: ApiCaller, draft?: { title: string; contents: string; thumbnailUrl: string }): Promise<number>;
  /** Opens something on the platform's variables and logger (a context's adapters, for steps a test takes directly); `close` closes it first. */
  open<T extends { close(): Promise<void> }>(opener: (env: Readonly<Record<string, string>>, logger: Logger) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Some functions behind the real edge, each event and cron function on a sink of its own that the test delivers to. */
export interface FunctionsPlatform extends TestPlatform, EventSinks {
  /** The functions' own database, migrated. */
  readonly database: TestDatabase;
}

/** The whole registry as `npm start` runs it: the dev host's event sources, media files and WebSockets too. */
export interface WholePlatform extends TestPlatform {
  readonly host: DevHost;
  readonly dataDir: string;
}

/**
 * pilog for a test, in either profile: embedded on temp folders, services on a fresh MariaDB database and the run's
 * Redis, Kafka and OpenSearch. With `functions`, only those run (in-process, behind the edge, the way the dev host
 * runs them); without, all of them in the dev host, on the `database` a test filled first if it gives one. One `close`
 * stops everything and removes what it made.
 */
export async function startTestPlatform(profile: Profile, options: TestPlatformOptions & { functions: readonly PlatformFunction[]; trustedProxyHops?: number }): Promise<FunctionsPlatform>;
export async function startTestPlatform(profile: Profile, options?: TestPlatformOptions & { database?: TestDatabase }): Promise<WholePlatform>;
export async function startTestPlatform(
  profile: Profile,
  options: TestPlatformOptions & { functions?: readonly PlatformFunction[]; trustedProxyHops?: number; database?: TestDatabase } = {},
): Promise<FunctionsPlatform | WholePlatform> {
  const data = await prepareProfileData(profile, { migrated: options.functions !== undefined, database: options.database });
  const logLines: string[] = [];
  const logger = options.logger ?? createLogger({ level: options.logLevel ?? (options.functions ? 'debug' : 'warn'), sink: { write: (line) => void logLines.push(line) } });
  const env = { ...data.env, ...options.env };

  if (options.functions) {
    const database = data.database as TestDatabase;
    const hosted = await hostFunctions({ functions: options.functions, database, env, logger, trustedProxyHops: options.trustedProxyHops ?? 0 });
    const { open, closeOpened } = opening(hosted.env, logger);
    return {
      ...platformAt(profile, hosted.base, hosted.env, logLines),
      ...hosted,
      database,
      open,
      close: () => closeOpened().then(hosted.close).finally(data.remove),
    };
  }

  const host = await startDevHost({ port: 0, host: '127.0.0.1', platform: loadConfig(platformSettings, env), corsOrigins: [FRONTEND_ORIGIN], env, logger });
  const { open, closeOpened } = opening(env, logger);
  return {
    ...platformAt(profile, host.url, env, logLines),
    host,
    dataDir: data.dataDir,
    open,
    async close() {
      await closeOpened();
      await host.close();
      await data.remove();
    },
  };
}

function opening(env: Readonly<Record<string, string>>, logger: Logger): Pick<TestPlatform, 'open'> & { closeOpened(): Promise<void> } {
  const opened: Array<{ close(): Promise<void> }> = [];
  return {
    async open(opener) {
      const it = await opener(env, logger);
      opened.push(it);
      return it;
    },
    closeOpened: async () => void (await Promise.all(opened.map((it) => it.close()))),
  };
}

function platformAt(profile: Profile, base: string, env: Readonly<Record<string, string>>, logLines: string[]): Omit<TestPlatform, 'open' | 'close'> {
  return {
    profile,
    base,
    issuer: env.PILOG_OIDC_ISSUER ?? `${base}/oidc`,
    env,
    logLines,
    anonymous: callerOf(base),
    request: requestAt(base),
    signIn: (email) => signIn(base, email),
    async cookieFor(userId, roles = ['USER']) {
      const key = jwtKey({ profile, dataDir: env.PILOG_DATA_DIR ?? '', jwtSecret: env.PILOG_JWT_SECRET ?? '' });
      const tokens = createJoseSessionTokens({ key, accessTtlSeconds: 3600, refreshTtlSeconds: 3600, clock: systemClock });
      return `jiniaslog_access=${(await tokens.mint({ userId, roles, fid: `family-${userId}` })).access}`;
    },
    signInAs: async (role) => (role === 'anonymous' ? callerOf(base) : signIn(base, ROLE_EMAILS[role])),
    async publishArticle(by, draft = { title: 'A published article', contents: 'Its body', thumbnailUrl: 'https://github.com/x.png' }) {
      const step = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
        const answer = await by.json<T>(method, path, body);
        if (answer.status >= 300) throw new Error(`${method} ${path} while publishing: ${answer.status} ${JSON.stringify(answer.body)}`);
        return answer.body;
      };
      const { articleId } = await step<{ articleId: number }>('POST', '/api/v1/articles');
      await step('PUT', `/api/v1/articles/${articleId}/draft`, draft);
      await step('PATCH', `/api/v1/articles/${articleId}`, { asIsStatus: 'DRAFT', toBeStatus: 'PUBLISHED' });
      return articleId;
    },
  };
}
