import type { RequestListener } from 'node:http';
import { loadAuthConfig } from '../../../shared/auth/adapters/auth-settings.ts';
import { createDevIdentityProvider, devIdentityProviderOptions, type DevIdentityProvider } from '../../../shared/auth/adapters/dev-identity-provider/dev-identity-provider.ts';
import { openTestDatabase, type TestDatabase } from '../../../shared/platform/database/testing/test-databases.ts';
import { ok } from '../../../shared/kernel/result.ts';
import { createCors } from '../../../shared/platform/http/cors.ts';
import { createHttpEdge } from '../../../shared/platform/http/edge.ts';
import { edgeRoutes } from '../../../shared/platform/http/edge-routes.ts';
import { json } from '../../../shared/platform/http/http-exchange.ts';
import { registerHttpFunction } from '../../../shared/platform/http/http-function.ts';
import { identifyFromEnv } from '../../../shared/platform/http/identify.ts';
import { createLogger } from '../../../shared/platform/logging/logger.ts';
import { registeredListener } from '../../../shared/platform/runtime/register-function.ts';
import { defaultResources, defaultScaling, type FunctionManifest, type HttpTrigger } from '../../../shared/platform/runtime/manifest.ts';
import type { RunningFunction } from '../../../shared/platform/runtime/running-function.ts';
import { manifest as authManifest } from '../function.ts';
import { startLoopbackServer } from '../../../shared/platform/runtime/testing/loopback-server.ts';
import { loadFunction } from '../../function-modules.ts';

export const FRONTEND_ORIGIN = 'http://localhost:3000';
export const CALLBACK_URL = `${FRONTEND_ORIGIN}/login/oauth2/code/google`;
export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256!';

/** A stand-in for any other function: one route for signed-in callers, one for ADMIN, identified like all of them. */
const callerManifest = {
  name: 'test-show-caller',
  description: 'test fixture',
  trigger: {
    kind: 'http',
    routes: {
      whoami: { method: 'GET', path: '/api/v1/test/whoami', access: 'authenticated', summary: 'the caller' },
      adminOnly: { method: 'GET', path: '/api/v1/test/admin', access: 'admin', summary: 'ADMIN only' },
    },
  },
  scaling: defaultScaling,
  resources: defaultResources,
  settings: {},
} as const satisfies FunctionManifest<HttpTrigger>;

export interface AuthTestServer {
  readonly base: string;
  readonly issuer: string;
  readonly env: Readonly<Record<string, string>>;
  /** Every line the functions logged. */
  readonly logLines: string[];
  close(): Promise<void>;
}

/**
 * The auth function as production runs it (edge, functions-framework, real adapters of the profile), next to the
 * development identity provider under `/oidc` on the same port, as the dev host mounts it.
 */
export async function startAuthTestServer(profile: 'embedded' | 'services', extraEnv: Record<string, string> = {}): Promise<AuthTestServer> {
  const server = await startLoopbackServer();
  const { base } = server;
  const issuer = `${base}/oidc`;

  const database: TestDatabase = await openTestDatabase(profile === 'embedded' ? 'sqlite' : 'mysql');
  const env: Record<string, string> = {
    ...database.env,
    PILOG_OIDC_ISSUER: issuer,
    PILOG_OIDC_REDIRECT_URL: CALLBACK_URL,
    PILOG_DEV_IDP: 'true',
    PILOG_AUTH_SIGNIN_RATE: '1000/1m',
    PILOG_AUTH_REFRESH_RATE: '1000/1m',
    ...(profile === 'services'
      ? {
          PILOG_JWT_SECRET: TEST_JWT_SECRET,
          PILOG_REDIS_URL: process.env.PILOG_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
          PILOG_KAFKA_BROKERS: process.env.PILOG_TEST_KAFKA_BROKERS ?? '127.0.0.1:9092',
        }
      : {}),
    ...extraEnv,
  };
  const logLines: string[] = [];
  const logger = createLogger({ level: 'debug', sink: { write: (line) => void logLines.push(line) } });

  const config = loadAuthConfig(env);
  const idp: DevIdentityProvider = await createDevIdentityProvider(devIdentityProviderOptions(config));
  const running: RunningFunction = await (await loadFunction(authManifest)).start({ logger, env });
  registerHttpFunction(
    callerManifest,
    { whoami: async (request) => ok(json(200, request.identity)), adminOnly: async (request) => ok(json(200, request.identity)) },
    { logger, identify: identifyFromEnv(env) },
  );
  const listeners = new Map<string, RequestListener>([authManifest.name, callerManifest.name].map((name) => [name, registeredListener(name)]));
  const edge = createHttpEdge({
    routes: edgeRoutes([authManifest, callerManifest]),
    cors: createCors([FRONTEND_ORIGIN]),
    trustedProxyHops: 0,
    dispatch: (name) => listeners.get(name) as RequestListener,
  });
  server.serve((req, res) => ((req.url ?? '').startsWith(idp.mountPath) ? idp.listener(req, res) : edge(req, res)));

  return {
    base,
    issuer,
    env,
    logLines,
    async close() {
      await server.close();
      await idp.close();
      await running.close();
      await database.close();
    },
  };
}
