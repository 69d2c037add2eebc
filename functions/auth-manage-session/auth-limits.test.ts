import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FRONTEND_ORIGIN } from '../testing/api-caller.ts';
import { showCaller } from '../testing/show-caller.ts';
import { startTestPlatform, type FunctionsPlatform } from '../testing/test-platform.ts';
import { manifest } from './function.ts';

const post = (base: string, path: string, init: RequestInit = {}) =>
  fetch(`${base}${path}`, { method: 'POST', ...init, headers: { origin: FRONTEND_ORIGIN, 'content-type': 'application/json', ...(init.headers as Record<string, string>) } });

describe('abuse limits', () => {
  let server: FunctionsPlatform;
  beforeAll(async () => {
    server = await startTestPlatform('embedded', { functions: [manifest, showCaller], env: { PILOG_AUTH_SIGNIN_RATE: '3/1m', PILOG_AUTH_REFRESH_RATE: '2/1m' } });
  });
  afterAll(() => server?.close());

  it('limits sign-in calls per client address with 429 and Retry-After', async () => {
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 4; i++) {
      last = i % 2 === 0 ? await fetch(`${server.base}/api/v1/auth/GOOGLE/url`, { headers: { origin: FRONTEND_ORIGIN } }) : await post(server.base, '/api/v1/auth/GOOGLE/login', { body: '{"code":"x"}' });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 400, 200, 429]);
    expect(last?.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
    expect(Number(last?.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(last?.headers.get('access-control-allow-origin')).toBe(FRONTEND_ORIGIN);
    expect(await last?.json()).toMatchObject({ code: 'RATE_LIMITED' });
  });

  it('limits refresh calls per client address', async () => {
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await post(server.base, '/api/v1/auth/refresh')).status);
    expect(statuses).toEqual([401, 401, 429]);
  });
});

async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe('identity provider down', () => {
  let server: FunctionsPlatform;
  beforeAll(async () => {
    server = await startTestPlatform('embedded', { functions: [manifest, showCaller], env: { PILOG_OIDC_ISSUER: `http://127.0.0.1:${await closedPort()}/oidc` } });
  });
  afterAll(() => server?.close());

  it('answers 503 UPSTREAM_UNAVAILABLE for the URL and for the login, never 500', async () => {
    const url = await fetch(`${server.base}/api/v1/auth/GOOGLE/url`, { headers: { origin: FRONTEND_ORIGIN } });
    expect(url.status).toBe(503);
    expect(await url.json()).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
    const pkce = `${'v'.repeat(43)}.${'n'.repeat(43)}`;
    const login = await post(server.base, '/api/v1/auth/GOOGLE/login', { body: '{"code":"abc"}', headers: { cookie: `pilog_oauth_pkce=${pkce}` } });
    expect(login.status).toBe(503);
    expect(login.headers.get('access-control-allow-origin')).toBe(FRONTEND_ORIGIN);
    expect(await login.json()).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
  });
});
