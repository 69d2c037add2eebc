import { SignJWT, decodeJwt } from 'jose';
import { jwtKey } from '../../shared/platform/http/identify.ts';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { browse, CookieJar, setCookies, type StoredCookie } from '../../shared/auth/testing/browser.ts';
import { signInAtDevProvider } from '../../shared/auth/testing/dev-sign-in.ts';
import type { LoginInfo } from '../../shared/auth/domain/session.ts';
import { CALLBACK_URL, FRONTEND_ORIGIN } from '../testing/api-caller.ts';
import { showCaller } from '../testing/show-caller.ts';
import { startTestPlatform, type FunctionsPlatform } from '../testing/test-platform.ts';
import { manifest } from './function.ts';

/**
 * Journey J3 end to end, in each profile: the real openid-client against a real OpenID provider (the development
 * one), the real database, Redis or SQLite, over HTTP with the frontend's Origin and cookies kept like a browser.
 */
describe.each(['embedded', 'services'] as const)('sign-in, refresh and logout (%s profile)', (profile) => {
  let server: FunctionsPlatform;
  const consoleLines: string[] = [];
  const secure = profile === 'services'; // embedded defaults to plain-http cookies
  const seen = new Set<string>(); // every token, code and verifier handed out: none may reach a log line

  beforeAll(async () => {
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void consoleLines.push(args.map(String).join(' ')));
    }
    server = await startTestPlatform(profile, { functions: [manifest, showCaller], env: { PILOG_REFRESH_GRACE_S: '1', PILOG_ADMIN_EMAILS: 'boss@example.com' } });
  });
  afterAll(async () => {
    await server?.close();
    vi.restoreAllMocks();
  });

  const request = (jar: CookieJar, path: string, init: RequestInit = {}) =>
    browse(jar, `${server.base}${path}`, { ...init, headers: { origin: FRONTEND_ORIGIN, ...(init.headers as Record<string, string>) } });
  const post = (jar: CookieJar, path: string, body?: unknown) =>
    request(jar, path, { method: 'POST', ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }) });
  const expectCors = (response: Response) => {
    expect(response.headers.get('access-control-allow-origin')).toBe(FRONTEND_ORIGIN);
    expect(response.headers.get('access-control-allow-credentials')).toBe('true');
  };
  const remember = (...values: Array<string | undefined>) => values.forEach((value) => value && seen.add(value));

  async function signIn(email: string, jar = new CookieJar()) {
    const urlResponse = await request(jar, '/api/v1/auth/google/url');
    const { url } = (await urlResponse.json()) as { url: string };
    remember(jar.get('pilog_oauth_pkce')?.value, ...(jar.get('pilog_oauth_pkce')?.value.split('.') ?? []));
    const code = await signInAtDevProvider(url, email, CALLBACK_URL);
    remember(code);
    const login = await post(jar, '/api/v1/auth/GOOGLE/login', { code });
    remember(jar.get('jiniaslog_access')?.value, jar.get('jiniaslog_refresh')?.value);
    return { jar, urlResponse, url, code, login };
  }

  const cookieAttributes = (cookie: StoredCookie | undefined) => cookie?.attributes ?? {};

  it('J3.1 answers the authorization URL with PKCE, a nonce and no state, and sets the PKCE cookie', async () => {
    const jar = new CookieJar();
    const response = await request(jar, '/api/v1/auth/GOOGLE/url');
    expect(response.status).toBe(200);
    expectCors(response);
    const url = new URL(((await response.json()) as { url: string }).url);
    expect(url.href.startsWith(`${server.issuer}/`)).toBe(true);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: 'code',
      scope: 'openid email profile',
      client_id: 'pilog-dev',
      redirect_uri: CALLBACK_URL,
      code_challenge_method: 'S256',
    });
    expect(url.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(url.searchParams.get('nonce')).toBeTruthy();
    expect(url.searchParams.has('state')).toBe(false);
    const pkce = jar.get('pilog_oauth_pkce');
    expect(pkce?.attributes).toMatchObject({ path: '/api/v1/auth', 'max-age': '600', httponly: '', samesite: 'Lax' });
    expect('secure' in cookieAttributes(pkce)).toBe(secure);
    remember(pkce?.value);
  });

  it('J3.2–J3.5 signs in through the provider, calls a protected route, refreshes and logs out', async () => {
    const { jar, login } = await signIn('Boss@Example.com');
    expect(login.status).toBe(200);
    expectCors(login);
    const info = (await login.json()) as LoginInfo;
    expect(info).toEqual({ nickName: 'boss', email: 'boss@example.com', roles: ['ADMIN'], picUrl: expect.stringMatching(/^https:\/\/github\.com\/identicons\/[0-9a-f]{16}\.png$/), userId: expect.any(Number) });

    const set = setCookies(login);
    const access = set.get('jiniaslog_access');
    const refresh = set.get('jiniaslog_refresh');
    expect(access?.attributes).toMatchObject({ path: '/', 'max-age': '3600', httponly: '', samesite: 'Strict' });
    expect(refresh?.attributes).toMatchObject({ path: '/api/v1/auth/refresh', 'max-age': '604800', httponly: '', samesite: 'Strict' });
    expect('secure' in cookieAttributes(access)).toBe(secure);
    expect('secure' in cookieAttributes(refresh)).toBe(secure);
    expect(set.get('pilog_oauth_pkce')?.attributes['max-age']).toBe('0');
    expect(decodeJwt(access?.value ?? '')).toMatchObject({ sub: String(info.userId), roles: ['ADMIN'], typ: 'access', fid: expect.any(String), jti: expect.any(String) });

    const anonymous = await request(new CookieJar(), '/api/v1/test/whoami');
    expect(anonymous.status).toBe(401);
    expectCors(anonymous);
    expect(await anonymous.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
    const whoami = await request(jar, '/api/v1/test/whoami');
    expect(whoami.status).toBe(200);
    expect(await whoami.json()).toEqual({ userId: info.userId, roles: ['ADMIN'] });
    expect((await request(jar, '/api/v1/test/admin')).status).toBe(200);

    const refreshed = await post(jar, '/api/v1/auth/refresh');
    expect(refreshed.status).toBe(200);
    expectCors(refreshed);
    expect(await refreshed.json()).toEqual(info);
    const rotated = setCookies(refreshed);
    remember(rotated.get('jiniaslog_access')?.value, rotated.get('jiniaslog_refresh')?.value);
    expect(rotated.get('jiniaslog_access')?.value).not.toBe(access?.value);
    expect(rotated.get('jiniaslog_refresh')?.value).not.toBe(refresh?.value);
    expect(rotated.get('jiniaslog_refresh')?.attributes.path).toBe('/api/v1/auth/refresh');

    const logout = await post(jar, '/api/v1/auth/logout');
    expect(logout.status).toBe(200);
    expectCors(logout);
    expect(await logout.text()).toBe('');
    const cleared = setCookies(logout);
    expect(cleared.get('jiniaslog_access')?.attributes).toMatchObject({ 'max-age': '0', path: '/' });
    expect(cleared.get('jiniaslog_refresh')?.attributes).toMatchObject({ 'max-age': '0', path: '/api/v1/auth/refresh' });
    const after = await browse(new CookieJar(), `${server.base}/api/v1/auth/refresh`, {
      method: 'POST',
      headers: { origin: FRONTEND_ORIGIN, cookie: `jiniaslog_refresh=${rotated.get('jiniaslog_refresh')?.value}` },
    });
    expect(after.status).toBe(401);
    expect(await after.json()).toMatchObject({ code: 'REFRESH_REJECTED' });

    const anonymousLogout = await post(new CookieJar(), '/api/v1/auth/logout');
    expect(anonymousLogout.status).toBe(200);
  });

  it('signs in ordinary users as USER and keeps one user per email across sign-ins', async () => {
    const first = (await (await signIn('ann@example.com')).login.json()) as LoginInfo;
    const second = (await (await signIn('ANN@example.com')).login.json()) as LoginInfo;
    expect(first).toMatchObject({ roles: ['USER'], email: 'ann@example.com' });
    expect(second.userId).toBe(first.userId);
  });

  it('J3.3 gives ten concurrent refreshes with one cookie the same new pair; J3.4 a stale cookie after the grace window revokes the family', async () => {
    const { jar } = await signIn('concurrent@example.com');
    const original = jar.get('jiniaslog_refresh')?.value as string;
    const refreshWith = (token: string) =>
      fetch(`${server.base}/api/v1/auth/refresh`, { method: 'POST', headers: { origin: FRONTEND_ORIGIN, cookie: `jiniaslog_refresh=${token}` } });
    const responses = await Promise.all(Array.from({ length: 10 }, () => refreshWith(original)));
    expect(responses.map((response) => response.status)).toEqual(Array(10).fill(200));
    const pairs = responses.map((response) => response.headers.getSetCookie().join('\n'));
    expect(new Set(pairs).size).toBe(1);
    const current = setCookies(responses[0] as Response).get('jiniaslog_refresh')?.value as string;
    remember(current, setCookies(responses[0] as Response).get('jiniaslog_access')?.value);
    expect(current).not.toBe(original);

    await new Promise((resolve) => setTimeout(resolve, 1100));
    const stale = await refreshWith(original);
    expect(stale.status).toBe(401);
    expect(await stale.json()).toMatchObject({ code: 'REFRESH_REJECTED' });
    const cleared = setCookies(stale);
    expect(cleared.get('jiniaslog_access')?.attributes['max-age']).toBe('0');
    expect(cleared.get('jiniaslog_refresh')?.attributes['max-age']).toBe('0');
    expect((await refreshWith(current)).status).toBe(401);
  });

  it('refuses a login without the PKCE cookie, with another browser’s PKCE cookie, or with a used code (400)', async () => {
    const { url, code } = await (async () => {
      const jar = new CookieJar();
      const { url } = (await (await request(jar, '/api/v1/auth/GOOGLE/url')).json()) as { url: string };
      return { url, code: await signInAtDevProvider(url, 'pkce@example.com', CALLBACK_URL) };
    })();
    expect(url).toBeTruthy();
    remember(code);
    const noCookie = await post(new CookieJar(), '/api/v1/auth/GOOGLE/login', { code });
    expect(noCookie.status).toBe(400);
    expect(await noCookie.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    const otherBrowser = new CookieJar();
    await request(otherBrowser, '/api/v1/auth/GOOGLE/url');
    remember(otherBrowser.get('pilog_oauth_pkce')?.value);
    const wrongVerifier = await post(otherBrowser, '/api/v1/auth/GOOGLE/login', { code });
    expect(wrongVerifier.status).toBe(400);

    const { jar, code: used } = await signIn('reuse@example.com');
    await request(jar, '/api/v1/auth/GOOGLE/url');
    const replayed = await post(jar, '/api/v1/auth/GOOGLE/login', { code: used });
    expect(replayed.status).toBe(400);
    expect(await replayed.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('answers 400 for an unknown provider and a missing code, 401 for refresh without a cookie', async () => {
    const unknown = await request(new CookieJar(), '/api/v1/auth/github/url');
    expect(unknown.status).toBe(400);
    expectCors(unknown);
    const jar = new CookieJar();
    await request(jar, '/api/v1/auth/GOOGLE/url');
    expect((await post(jar, '/api/v1/auth/GOOGLE/login', {})).status).toBe(400);
    expect((await post(jar, '/api/v1/auth/GOOGLE/login')).status).toBe(400);
    const refresh = await post(new CookieJar(), '/api/v1/auth/refresh');
    expect(refresh.status).toBe(401);
    expectCors(refresh);
    expect(await refresh.json()).toMatchObject({ code: 'REFRESH_REJECTED' });
  });

  it('answers 401 on a protected route for forged, expired and wrongly signed access tokens, 200 for a good one', async () => {
    const key = jwtKey({ profile, dataDir: server.env.PILOG_DATA_DIR ?? '', jwtSecret: server.env.PILOG_JWT_SECRET ?? '' });
    const now = Math.floor(Date.now() / 1000);
    const mint = (claims: Record<string, unknown>, options: { key?: Uint8Array; exp?: number } = {}) =>
      new SignJWT({ roles: ['ADMIN'], fid: 'f', typ: 'access', ...claims }).setProtectedHeader({ alg: 'HS256' }).setSubject('123').setIssuedAt().setExpirationTime(options.exp ?? now + 60).sign(options.key ?? key);
    const call = (path: string, token: string) => fetch(`${server.base}${path}`, { headers: { origin: FRONTEND_ORIGIN, cookie: `jiniaslog_access=${token}` } });
    const good = await mint({});
    expect((await call('/api/v1/test/whoami', good)).status).toBe(200);
    const [header, , signature] = good.split('.');
    const unsigned = (payload: object) => `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.`;
    const bad = {
      expired: await mint({}, { exp: now - 1 }),
      'signed with another key': await mint({}, { key: new TextEncoder().encode('another-key-another-key-another-key') }),
      'alg none': unsigned({ sub: '123', roles: ['ADMIN'], fid: 'f', typ: 'access', exp: now + 60 }),
      'tampered payload': `${header}.${Buffer.from(JSON.stringify({ sub: '1', roles: ['ADMIN'], fid: 'f', typ: 'access', exp: now + 60 })).toString('base64url')}.${signature}`,
      'a refresh token': await mint({ typ: 'refresh' }),
      garbage: 'garbage',
    };
    for (const [kind, token] of Object.entries(bad)) {
      remember(token);
      const response = await call('/api/v1/test/whoami', token);
      expect({ kind, status: response.status }).toEqual({ kind, status: 401 });
      expect(await response.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
    }
    // An expired ADMIN token is anonymous: 401 (the frontend refreshes), never 403.
    expect((await call('/api/v1/test/admin', bad.expired)).status).toBe(401);
    expect((await call('/api/v1/test/admin', await mint({ roles: ['USER'] }))).status).toBe(403);
    remember(good);
  });

  it('never writes a token, code, verifier, cookie or secret into a log line', () => {
    const lines = [...server.logLines, ...consoleLines].join('\n');
    const messages = server.logLines.map((line) => (JSON.parse(line) as { message: string }).message);
    expect(messages).toEqual(expect.arrayContaining(['signed in', 'sign-in failed', 'refresh rejected', 'signing out']));
    expect(seen.size).toBeGreaterThan(10);
    for (const value of seen) expect(lines).not.toContain(value);
    for (const secret of [server.env.PILOG_JWT_SECRET, 'pilog-dev-secret']) if (secret) expect(lines).not.toContain(secret);
    expect(lines).not.toMatch(/eyJ[\w-]+\.[\w-]+\.[\w-]+/);
  });
});
