import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { articleCreated } from '../../../shared/events/blog-article.events.ts';
import { apiCall, CookieJar } from '../../../shared/auth/testing/browser.ts';
import { signInAtDevProvider } from '../../../shared/auth/testing/dev-sign-in.ts';
import { loadConfig } from '../../../shared/platform/config/load-config.ts';
import { platformSettings } from '../../../shared/platform/config/platform-settings.ts';
import { openEmptyTestDatabase } from '../../../shared/platform/database/testing/test-databases.ts';
import { createLogger, type Logger } from '../../../shared/platform/logging/logger.ts';
import { createTopic, testKafkaBrokers } from '../../../shared/platform/messaging/testing/test-kafka.ts';
import { startDevHost, type DevHost } from '../../../tools/dev-host/dev-host.ts';

export const FRONTEND_ORIGIN = 'http://localhost:3000';
const CALLBACK_URL = `${FRONTEND_ORIGIN}/login/oauth2/code/google`;
export const ADMIN_EMAIL = 'admin@example.com';

/** A browser-like caller of the API: the frontend's Origin, a cookie jar, JSON in and out. */
export interface ApiCaller {
  readonly jar: CookieJar;
  call(method: string, path: string, body?: unknown): Promise<Response>;
  json<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
}

export interface BlogTestHost {
  readonly profile: 'embedded' | 'services';
  readonly host: DevHost;
  readonly env: Readonly<Record<string, string>>;
  readonly anonymous: ApiCaller;
  /** A signed-in caller: ADMIN for the admin email, USER otherwise. */
  signIn(email: string): Promise<ApiCaller>;
  close(): Promise<void>;
}

/** A caller of the pilog at `base`, with a cookie jar of its own unless given one. */
export function callerOf(base: string, jar = new CookieJar()): ApiCaller {
  const call = apiCall(jar, base, FRONTEND_ORIGIN);
  return {
    jar,
    call,
    async json<T>(method: string, path: string, body?: unknown) {
      const response = await call(method, path, body);
      const text = await response.text();
      return { status: response.status, body: (text === '' ? undefined : JSON.parse(text)) as T };
    },
  };
}

/** Signs in at the development identity provider mounted by the pilog at `base`, like a person would. */
export async function signIn(base: string, email: string): Promise<ApiCaller> {
  const caller = callerOf(base);
  const { url } = (await (await caller.call('GET', '/api/v1/auth/GOOGLE/url')).json()) as { url: string };
  const code = await signInAtDevProvider(url, email, CALLBACK_URL);
  const login = await caller.call('POST', '/api/v1/auth/GOOGLE/login', { code });
  if (login.status !== 200) throw new Error(`sign-in of ${email} failed: ${login.status} ${await login.text()}`);
  return caller;
}

/** The real services of the test run, as the services profile reads them; each host gets a database of its own. */
export const servicesEnv = (): Record<string, string> => ({
  PILOG_REDIS_URL: process.env.PILOG_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
  PILOG_KAFKA_BROKERS: testKafkaBrokers().join(','),
  PILOG_OPENSEARCH_URL: process.env.PILOG_TEST_OPENSEARCH_URL ?? 'http://127.0.0.1:9200',
  PILOG_JWT_SECRET: 'blog-test-secret-that-is-long-enough-for-hs256',
  PILOG_ADMIN_EMAILS: ADMIN_EMAIL,
  PILOG_DEV_IDP: 'true',
  PILOG_MEDIA_STORE: 'local',
});

/** What a dev host of the profile needs besides its database: sign-in through the development provider, services. */
export function profileEnv(profile: 'embedded' | 'services', dataDir: string): Record<string, string> {
  return {
    PILOG_PROFILE: profile,
    PILOG_DATA_DIR: dataDir,
    PILOG_OIDC_REDIRECT_URL: CALLBACK_URL,
    PILOG_AUTH_SIGNIN_RATE: '10000/1m',
    ...(profile === 'services' ? servicesEnv() : {}),
  };
}

/**
 * All of pilog in one process (the dev host), in either profile: embedded on a temp data dir, services on a fresh
 * MariaDB database and the shared Redis, Kafka and OpenSearch. Sign-in goes through the development identity
 * provider like a person would.
 */
export async function startBlogTestHost(profile: 'embedded' | 'services', options: { env?: Record<string, string>; logger?: Logger } = {}): Promise<BlogTestHost> {
  const dataDir = mkdtempSync(join(tmpdir(), 'pilog-blog-'));
  const database = profile === 'services' ? await openEmptyTestDatabase('mysql') : undefined;
  if (profile === 'services') await createTopic(testKafkaBrokers(), articleCreated.topic);
  const env: Record<string, string> = { ...profileEnv(profile, dataDir), ...database?.env, ...options.env };
  const host = await startDevHost({
    port: 0,
    host: '127.0.0.1',
    platform: loadConfig(platformSettings, env),
    corsOrigins: [FRONTEND_ORIGIN],
    env,
    logger: options.logger ?? createLogger({ level: 'error' }),
  });
  return {
    profile,
    host,
    env,
    anonymous: callerOf(host.url, new CookieJar()),
    signIn: (email) => signIn(host.url, email),
    async close() {
      await host.close();
      await database?.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Polls until `found` holds or the time is up; answers whether it held. */
export async function eventually(found: () => Promise<boolean>, timeoutMs = 30_000, intervalMs = 100): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await found()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
