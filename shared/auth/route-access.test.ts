import type { RequestListener } from 'node:http';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manifests } from '../../functions/registry.ts';
import { systemClock } from '../kernel/clock.ts';
import { createSnowflake } from '../kernel/snowflake.ts';
import { openDatabase } from '../platform/database/database.ts';
import { createCors } from '../platform/http/cors.ts';
import { createHttpEdge } from '../platform/http/edge.ts';
import { edgeRoutes } from '../platform/http/edge-routes.ts';
import { createLogger } from '../platform/logging/logger.ts';
import { registeredListener } from '../platform/runtime/register-function.ts';
import { startLoopbackServer } from '../platform/runtime/testing/loopback-server.ts';
import type { FunctionManifest, HttpTrigger } from '../platform/runtime/manifest.ts';
import type { RunningFunction } from '../platform/runtime/running-function.ts';
import type { AuthTables } from './adapters/auth-tables.ts';
import { DEFAULT_PIC_URL, DEV_CLIENT_ID, DEV_CLIENT_SECRET } from './adapters/auth-settings.ts';
import { createDevIdentityProvider } from '../../tools/dev-host/dev-identity-provider/dev-identity-provider.ts';
import { createJoseSessionTokens } from './adapters/session-tokens.jose.ts';
import { createSqlTokenFamilyStore } from './adapters/token-family-store.sql.ts';
import { createSqlUserRepository } from './adapters/user-repository.sql.ts';
import { openSession } from './application/sign-in.ts';
import { openTestDatabase, type TestDatabase } from '../platform/database/testing/test-databases.ts';
import { callerKinds, routeAccessTable, type AccessWorld, type CallerKind } from './testing/route-access-table.ts';
import { loadFunction } from '../../functions/function-modules.ts';

const ORIGIN = 'http://localhost:3000';
const SECRET = 'route-access-test-secret-0123456789abcdef';
const httpManifests = manifests.filter((manifest): manifest is FunctionManifest<HttpTrigger> => manifest.trigger.kind === 'http');

describe('the route access table', () => {
  it('has a row for every route of every HTTP function in the registry, and no row for a route that is gone', () => {
    const routes = httpManifests.flatMap((manifest) => Object.keys(manifest.trigger.routes).map((route) => `${manifest.name}.${route}`));
    const rows = Object.entries(routeAccessTable).flatMap(([fn, table]) => Object.keys(table).map((route) => `${fn}.${route}`));
    expect(routes.filter((route) => !rows.includes(route)), 'routes without a row in shared/auth/testing/route-access-table.ts').toEqual([]);
    expect(rows.filter((row) => !routes.includes(row)), 'rows for routes that no longer exist').toEqual([]);
  });
});

describe('every route × every kind of caller (embedded profile)', () => {
  let database: TestDatabase;
  let running: RunningFunction[] = [];
  let closeServer = async (): Promise<void> => {};
  let world: AccessWorld;

  beforeAll(async () => {
    database = await openTestDatabase('sqlite');
    const server = await startLoopbackServer();
    const { base } = server;
    const env: Record<string, string> = { ...database.env, PILOG_JWT_SECRET: SECRET, PILOG_OIDC_ISSUER: `${base}/oidc`, PILOG_CORS_ORIGINS: ORIGIN, PILOG_BLOG_READ_URL: base };
    const idp = await createDevIdentityProvider({ issuer: `${base}/oidc`, clientId: DEV_CLIENT_ID, clientSecret: DEV_CLIENT_SECRET, redirectUris: [`${ORIGIN}/login/oauth2/code/google`] });
    const logger = createLogger({ sink: { write: () => {} } });
    running = await Promise.all(httpManifests.map(async (manifest) => (await loadFunction(manifest)).start({ logger, env })));
    const listeners = new Map(httpManifests.map((manifest) => [manifest.name, registeredListener(manifest.name)]));
    const edge = createHttpEdge({ routes: edgeRoutes(httpManifests), cors: createCors([ORIGIN]), trustedProxyHops: 0, dispatch: (name) => listeners.get(name) as RequestListener });
    server.serve((req, res) => ((req.url ?? '').startsWith(idp.mountPath) ? idp.listener(req, res) : edge(req, res)));
    closeServer = () => server.close();

    // Real users with real sessions, made with the same adapters the auth function uses.
    const handle = await openDatabase({ profile: 'embedded', dataDir: env.PILOG_DATA_DIR as string, mysqlUrl: '' });
    const db = handle.db.withTables<AuthTables>();
    const deps = {
      users: createSqlUserRepository(db, createSnowflake(99, systemClock), systemClock),
      families: createSqlTokenFamilyStore(db, systemClock),
      tokens: createJoseSessionTokens({ key: new TextEncoder().encode(SECRET), accessTtlSeconds: 3600, refreshTtlSeconds: 3600, clock: systemClock }),
      refreshTtlSeconds: 3600,
      defaultPicUrl: DEFAULT_PIC_URL,
    };
    const sessionOf = async (email: string, role: 'ADMIN' | 'USER') => openSession(deps, await deps.users.saveSignIn({ email, nickName: email, picUrl: null, roles: [role] }));
    const sessions = { user: await sessionOf('owner@example.com', 'USER'), admin: await sessionOf('admin@example.com', 'ADMIN'), anotherOwner: await sessionOf('other@example.com', 'USER') };
    await handle.close();

    world = {
      base,
      userIds: { user: sessions.user.loginInfo.userId, admin: sessions.admin.loginInfo.userId, anotherOwner: sessions.anotherOwner.loginInfo.userId },
      call: (as: CallerKind, method: string, path: string, body?: unknown) =>
        fetch(`${base}${path}`, {
          method,
          headers: {
            origin: ORIGIN,
            ...(as === 'anonymous' ? {} : { cookie: `jiniaslog_access=${sessions[as].tokens.access}` }),
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        }),
    };
  });

  afterAll(async () => {
    await closeServer();
    await Promise.all(running.map((fn) => fn.close()));
    await database?.close();
  });

  const cases = httpManifests.flatMap((manifest) => Object.entries(manifest.trigger.routes).map(([route, spec]) => ({ fn: manifest.name, route, spec })));

  it.each(cases)('$fn: $route ($spec.method $spec.path)', async ({ fn, route, spec }) => {
    const row = routeAccessTable[fn]?.[route];
    if (!row) throw new Error(`no access row for ${fn}.${route}`);
    const actual: Record<string, number> = {};
    for (const kind of callerKinds) {
      const request = row.request ? await row.request(world) : { path: spec.path.replace(/\{\w+\}/g, '1') };
      const response = await world.call(kind, spec.method, request.path, request.body);
      actual[kind] = response.status;
      expect(response.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    }
    expect(actual).toEqual(row.expect);
  });
});
