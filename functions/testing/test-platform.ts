import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { articleCreated } from '../../shared/events/blog-article.events.ts';
import { loadConfig } from '../../shared/platform/config/load-config.ts';
import { platformSettings } from '../../shared/platform/config/platform-settings.ts';
import { openEmptyTestDatabase, type TestDatabase } from '../../shared/platform/database/testing/test-databases.ts';
import { createLogger, type Logger, type LogLevel } from '../../shared/platform/logging/logger.ts';
import { createTopic, testKafkaBrokers } from '../../shared/platform/messaging/testing/test-kafka.ts';
import { startDevHost, type DevHost } from '../../tools/dev-host/dev-host.ts';
import { callerOf, FRONTEND_ORIGIN, signIn, type ApiCaller } from './api-caller.ts';
import { hostFunctions, type EventSinks, type PlatformFunction } from './host-functions.ts';
import { ADMIN_EMAIL, profileEnv, type Profile } from './platform-env.ts';

export type Role = 'anonymous' | 'user' | 'admin' | 'anotherOwner';

const ROLE_EMAILS: Readonly<Record<Exclude<Role, 'anonymous'>, string>> = {
  user: 'user@example.com',
  admin: ADMIN_EMAIL,
  anotherOwner: 'another-owner@example.com',
};

export interface TestPlatformOptions {
  /** Variables on top of the profile's (platform-env.ts). */
  readonly env?: Record<string, string>;
  /** Where the functions log; by default into `logLines`, from `logLevel` up. */
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
  /** Signs in at the development identity provider like a person would: ADMIN for ADMIN_EMAIL, USER otherwise. */
  signIn(email: string): Promise<ApiCaller>;
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
 * runs them); without, all of them in the dev host. One `close` stops everything and removes what it made.
 */
export async function startTestPlatform(profile: Profile, options: TestPlatformOptions & { functions: readonly PlatformFunction[]; trustedProxyHops?: number }): Promise<FunctionsPlatform>;
export async function startTestPlatform(profile: Profile, options?: TestPlatformOptions): Promise<WholePlatform>;
export async function startTestPlatform(
  profile: Profile,
  options: TestPlatformOptions & { functions?: readonly PlatformFunction[]; trustedProxyHops?: number } = {},
): Promise<FunctionsPlatform | WholePlatform> {
  const dataDir = mkdtempSync(join(tmpdir(), 'pilog-test-'));
  if (profile === 'services') await createTopic(testKafkaBrokers(), articleCreated.topic);
  const logLines: string[] = [];
  const logger = options.logger ?? createLogger({ level: options.logLevel ?? 'debug', sink: { write: (line) => void logLines.push(line) } });
  const env = { ...profileEnv(profile, dataDir), ...options.env };
  const removeDataDir = () => rmSync(dataDir, { recursive: true, force: true });

  if (options.functions) {
    const hosted = await hostFunctions({ profile, functions: options.functions, env, logger, trustedProxyHops: options.trustedProxyHops ?? 0 });
    const { open, closeOpened } = opening(hosted.env, logger);
    return { ...platformAt(profile, hosted.base, hosted.env, logLines), ...hosted, open, close: () => closeOpened().then(() => hosted.close()).finally(removeDataDir) };
  }

  const database = profile === 'services' ? await openEmptyTestDatabase('mysql') : undefined;
  const hostEnv = { ...env, ...database?.env, ...options.env };
  const host = await startDevHost({ port: 0, host: '127.0.0.1', platform: loadConfig(platformSettings, hostEnv), corsOrigins: [FRONTEND_ORIGIN], env: hostEnv, logger });
  const { open, closeOpened } = opening(hostEnv, logger);
  return {
    ...platformAt(profile, host.url, hostEnv, logLines),
    host,
    dataDir,
    open,
    async close() {
      await closeOpened();
      await host.close();
      await database?.close();
      removeDataDir();
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
    signIn: (email) => signIn(base, email),
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
