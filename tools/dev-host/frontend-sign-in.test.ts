import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPilogProcess, type PilogProcess } from '../../functions/testing/pilog-process.ts';
import type { LoginInfo } from '../../shared/auth/domain/session.ts';
import { apiCall, CookieJar } from '../../shared/auth/testing/browser.ts';
import { signInAtDevProvider } from '../../shared/auth/testing/dev-sign-in.ts';

/**
 * The existing frontend against `npm start`, configured with nothing but its origin and its callback URL: from
 * `localhost` and from `127.0.0.1` alike it signs in, gets a picture it can render and calls a signed-in route.
 */
describe.each(['http://localhost:3300', 'http://127.0.0.1:3300'])('a frontend on %s signing in against npm start', (origin) => {
  const callback = `${origin}/login/oauth2/code/google`;
  let pilog: PilogProcess;
  let api: string;
  beforeAll(async () => {
    pilog = await startPilogProcess('embedded', { PILOG_CORS_ORIGINS: origin, PILOG_OIDC_REDIRECT_URL: callback });
    // The frontend calls the API on its own host name, so the SameSite=Strict session cookies are same-site.
    api = pilog.url.replace('127.0.0.1', new URL(origin).hostname);
  }, 60_000);
  afterAll(() => pilog?.close());

  it('advertises the address it listens on as its URL and issuer', async () => {
    expect(pilog.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const discovery = (await (await fetch(`${api}/oidc/.well-known/openid-configuration`)).json()) as { issuer: string };
    expect(discovery.issuer).toBe(`${pilog.url}/oidc`);
  });

  it('signs in with only the origin and redirect URL configured, with a picture, then calls a signed-in route', async () => {
    const jar = new CookieJar();
    const call = apiCall(jar, api, origin);
    const start = await call('GET', '/api/v1/auth/GOOGLE/url');
    expect(start.status).toBe(200);
    expect(start.headers.get('access-control-allow-origin')).toBe(origin);
    const code = await signInAtDevProvider(((await start.json()) as { url: string }).url, 'reader@example.com', callback);
    const login = await call('POST', '/api/v1/auth/GOOGLE/login', { code });
    expect(login.status).toBe(200);
    expect(login.headers.get('access-control-allow-origin')).toBe(origin);
    const info = (await login.json()) as LoginInfo;
    expect(info).toMatchObject({ email: 'reader@example.com', roles: ['USER'] });
    expect(info.picUrl).toMatch(/^https:\/\/github\.com\/identicons\/\w+\.png$/);
    const memos = await call('GET', '/api/v1/folders');
    expect(memos.status).toBe(200);
    const refresh = await call('POST', '/api/v1/auth/refresh');
    expect(refresh.status).toBe(200);
    expect(((await refresh.json()) as LoginInfo).picUrl).toBe(info.picUrl);
  });
});
