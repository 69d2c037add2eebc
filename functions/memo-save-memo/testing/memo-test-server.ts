import type { RequestListener } from 'node:http';
import { loadAuthConfig } from '../../../shared/auth/adapters/auth-settings.ts';
import { createDevIdentityProvider, devIdentityProviderOptions, type DevIdentityProvider } from '../../../shared/auth/adapters/dev-identity-provider/dev-identity-provider.ts';
import type { LoginInfo } from '../../../shared/auth/domain/login-info.ts';
import { apiCall, browse, CookieJar } from '../../../shared/auth/testing/browser.ts';
import { signInAtDevProvider } from '../../../shared/auth/testing/dev-sign-in.ts';
import type { Caller } from '../../../shared/kernel/access.ts';
import { memoSettings } from '../../../shared/memo/adapters/memo-settings.ts';
import { openMemo } from '../../../shared/memo/adapters/open-memo.ts';
import type { MemoDeps } from '../../../shared/memo/application/memo-deps.ts';
import { openEventPublisher } from '../../../shared/platform/messaging/open-event-publisher.ts';
import { openPlatform } from '../../../shared/platform/runtime/open-platform.ts';
import { loadConfig } from '../../../shared/platform/config/load-config.ts';
import { openTestDatabase, type TestDatabase } from '../../../shared/platform/database/testing/test-databases.ts';
import { createCors } from '../../../shared/platform/http/cors.ts';
import { createHttpEdge } from '../../../shared/platform/http/edge.ts';
import { edgeRoutes } from '../../../shared/platform/http/edge-routes.ts';
import { createLogger } from '../../../shared/platform/logging/logger.ts';
import { registeredListener } from '../../../shared/platform/runtime/register-function.ts';
import type { RunningFunction } from '../../../shared/platform/runtime/running-function.ts';
import { manifest as authManifest } from '../../auth-manage-session/function.ts';
import { manifest as memoManifest } from '../function.ts';
import { startLoopbackServer } from '../../../shared/platform/runtime/testing/loopback-server.ts';
import { loadFunction } from '../../function-modules.ts';

export const FRONTEND_ORIGIN = 'http://localhost:3000';
const CALLBACK_URL = `${FRONTEND_ORIGIN}/login/oauth2/code/google`;
const SECRET = 'memo-test-secret-that-is-long-enough-for-hs256';
export const ADMIN_EMAIL = 'admin@memo.example';

/** A signed-in browser: the frontend's Origin on every request, cookies kept like a browser keeps them. */
export interface MemoClient {
  readonly caller: Caller;
  /** The Cookie header the browser would send to the API. */
  cookie(): string;
  call(method: string, path: string, body?: unknown): Promise<Response>;
  /** `call`, then the JSON body (asserting the status first). */
  json<T = Record<string, unknown>>(method: string, path: string, body?: unknown, status?: number): Promise<T>;
}

export interface MemoTestServer {
  readonly base: string;
  readonly env: Readonly<Record<string, string>>;
  readonly database: TestDatabase;
  /** The memo use cases with the function's adapters, for the steps a realtime (STOMP) client would take. */
  readonly memo: MemoDeps;
  readonly anonymous: MemoClient;
  /** Signs in at the development identity provider, as a person would, and keeps the session cookies. */
  signIn(email: string): Promise<MemoClient>;
  close(): Promise<void>;
}

/**
 * The memo function as production runs it (edge, functions-framework, the profile's real adapters), with the auth
 * function and the development identity provider on the same port, so tests sign in for real.
 */
export async function startMemoTestServer(profile: 'embedded' | 'services', extraEnv: Record<string, string> = {}): Promise<MemoTestServer> {
  const server = await startLoopbackServer();
  const { base } = server;

  const database = await openTestDatabase(profile === 'embedded' ? 'sqlite' : 'mysql');
  const env: Record<string, string> = {
    ...database.env,
    PILOG_JWT_SECRET: SECRET,
    PILOG_OIDC_ISSUER: `${base}/oidc`,
    PILOG_OIDC_REDIRECT_URL: CALLBACK_URL,
    PILOG_DEV_IDP: 'true',
    PILOG_ADMIN_EMAILS: ADMIN_EMAIL,
    PILOG_AUTH_SIGNIN_RATE: '1000/1m',
    ...(profile === 'services'
      ? { PILOG_REDIS_URL: process.env.PILOG_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379', PILOG_KAFKA_BROKERS: process.env.PILOG_TEST_KAFKA_BROKERS ?? '127.0.0.1:9092' }
      : {}),
    ...extraEnv,
  };
  const logger = createLogger({ level: 'warn', sink: { write: () => {} } });
  const idp: DevIdentityProvider = await createDevIdentityProvider(devIdentityProviderOptions(loadAuthConfig(env)));
  const running: RunningFunction[] = [];
  for (const manifest of [authManifest, memoManifest]) running.push(await (await loadFunction(manifest)).start({ logger, env }));
  const listeners = new Map<string, RequestListener>([authManifest, memoManifest].map((manifest) => [manifest.name, registeredListener(manifest.name)]));
  const edge = createHttpEdge({
    routes: edgeRoutes([authManifest, memoManifest]),
    cors: createCors([FRONTEND_ORIGIN]),
    trustedProxyHops: 0,
    dispatch: (name) => listeners.get(name) as RequestListener,
  });
  server.serve((req, res) => ((req.url ?? '').startsWith(idp.mountPath) ? idp.listener(req, res) : edge(req, res)));
  const memoPlatform = openPlatform(loadConfig(memoSettings, env), { name: 'memo-test', logger, publisher: openEventPublisher });
  const memo = await openMemo(memoPlatform);

  const clientOf = (jar: CookieJar, caller: Caller): MemoClient => {
    const call = apiCall(jar, base, FRONTEND_ORIGIN);
    return {
      caller,
      cookie: () => jar.headerFor('/api/v1/memos'),
      call,
      async json<T>(method: string, path: string, body?: unknown, status = 200): Promise<T> {
        const response = await call(method, path, body);
        const text = await response.text();
        if (response.status !== status) throw new Error(`${method} ${path}: expected ${status}, got ${response.status} ${text}`);
        return JSON.parse(text) as T;
      },
    };
  };

  return {
    base,
    env,
    database,
    memo,
    anonymous: clientOf(new CookieJar(), { userId: 0, roles: [] }),
    async signIn(email) {
      const jar = new CookieJar();
      const { url } = (await (await browse(jar, `${base}/api/v1/auth/GOOGLE/url`, { headers: { origin: FRONTEND_ORIGIN } })).json()) as { url: string };
      const code = await signInAtDevProvider(url, email, CALLBACK_URL);
      const login = await browse(jar, `${base}/api/v1/auth/GOOGLE/login`, {
        method: 'POST',
        headers: { origin: FRONTEND_ORIGIN, 'content-type': 'application/json' },
        body: JSON.stringify({ code }),
      });
      if (login.status !== 200) throw new Error(`sign-in of ${email} failed: ${login.status} ${await login.text()}`);
      const info = (await login.json()) as LoginInfo;
      return clientOf(jar, { userId: info.userId, roles: info.roles });
    },
    async close() {
      await server.close();
      await idp.close();
      await memoPlatform.close();
      await Promise.all(running.map((fn) => fn.close()));
      await database.close();
    },
  };
}
