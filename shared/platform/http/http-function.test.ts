import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Type } from '@sinclair/typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok } from '../../kernel/result.ts';
import { createLogger } from '../logging/logger.ts';
import { registeredListener } from '../runtime/register-function.ts';
import { defaultResources, defaultScaling, type FunctionManifest, type HttpTrigger } from '../runtime/manifest.ts';
import { createCors } from './cors.ts';
import { createHttpEdge } from './edge.ts';
import { edgeRoutes } from './edge-routes.ts';
import { json } from './http-exchange.ts';
import { registerHttpFunction } from './http-function.ts';

const manifest = {
  name: 'test-echo-things',
  description: 'fixture',
  trigger: {
    kind: 'http',
    routes: {
      list: { method: 'GET', path: '/api/v1/things/simple', access: 'public', summary: 'list', query: Type.Object({ keyword: Type.Optional(Type.String()) }) },
      read: { method: 'GET', path: '/api/v1/things/{thingId}', access: 'public', summary: 'read' },
      create: { method: 'POST', path: '/api/v1/things', access: 'public', summary: 'create', body: Type.Object({ title: Type.String({ maxLength: 5 }) }) },
      admin: { method: 'DELETE', path: '/api/v1/things/{thingId}', access: 'admin', summary: 'delete' },
      mine: { method: 'PUT', path: '/api/v1/things/{thingId}', access: 'authenticated', summary: 'edit' },
      upload: { method: 'POST', path: '/api/v1/things/upload', access: 'public', summary: 'upload', accepts: 'text', bodyLimit: 10 },
    },
  },
  scaling: defaultScaling,
  resources: defaultResources,
  settings: {},
} as const satisfies FunctionManifest<HttpTrigger>;

let server: Server;
let base: string;
const origin = 'http://localhost:3000';

beforeAll(async () => {
  registerHttpFunction(
    manifest,
    {
      list: async (request) => ok(json(200, { keyword: request.query.keyword ?? null })),
      read: async (request) => ok(json(200, { thingId: request.params.thingId })),
      create: async (request) => ok(json(201, { title: request.body.title })),
      admin: async () => ok(json(200, {})),
      mine: async () => ok(json(200, {})),
      upload: async (request) => ok(json(200, { bytes: request.rawBody.length })),
    },
    { logger: createLogger({ sink: { write: () => {} } }), identify: async (req) => (req.headers['x-test-user'] ? { userId: 1, roles: ['USER'] } : null) },
  );
  const listener = registeredListener(manifest.name);
  server = createServer(createHttpEdge({ routes: edgeRoutes([manifest]), cors: createCors([origin]), trustedProxyHops: 0, dispatch: () => listener }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const call = (path: string, init: RequestInit = {}) => fetch(`${base}${path}`, { ...init, headers: { origin, ...(init.headers as Record<string, string>) } });

describe('HTTP edge and function', () => {
  it('prefers the literal /simple route over the {id} route and keeps "+" and bad escapes literally', async () => {
    expect(await (await call('/api/v1/things/simple?keyword=c++%20x%ZZ')).json()).toEqual({ keyword: 'c++ x%ZZ' });
    expect(await (await call('/api/v1/things/%ED%95%9C')).json()).toEqual({ thingId: '한' });
  });

  it('answers unknown paths 404 and wrong methods 405 with the JSON error body and CORS headers', async () => {
    const missing = await call('/api/v1/nothing');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ code: 'NOT_FOUND' });
    expect(missing.headers.get('access-control-allow-origin')).toBe(origin);
    expect(missing.headers.get('access-control-allow-credentials')).toBe('true');
    const wrong = await call('/api/v1/things/simple', { method: 'DELETE' });
    expect(wrong.status).toBe(405);
    expect(await wrong.json()).toMatchObject({ code: 'METHOD_NOT_ALLOWED' });
  });

  it('validates bodies against the route schema: malformed JSON and rule breaks are 400, empty JSON bodies are accepted as absent', async () => {
    const post = (body: string) => call('/api/v1/things', { method: 'POST', body, headers: { 'content-type': 'application/json' } });
    expect((await post('{"title":')).status).toBe(400);
    const tooLong = await post('{"title":"toolong"}');
    expect(tooLong.status).toBe(400);
    expect(await tooLong.json()).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('body.title') });
    expect((await post('')).status).toBe(400); // title is required
    const created = await post('{"title":"hey","unknown":1}');
    expect(created.status).toBe(201);
    expect(await created.json()).toEqual({ title: 'hey' });
  });

  it('refuses bodies over the route limit with 413 and over 1 MiB for JSON', async () => {
    const upload = await call('/api/v1/things/upload', { method: 'POST', body: 'x'.repeat(11), headers: { 'content-type': 'text/plain' } });
    expect(upload.status).toBe(413);
    expect(await upload.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    const small = await call('/api/v1/things/upload', { method: 'POST', body: 'x'.repeat(10), headers: { 'content-type': 'text/plain' } });
    expect(await small.json()).toEqual({ bytes: 10 });
    const huge = await call('/api/v1/things', { method: 'POST', body: JSON.stringify({ title: 'x'.repeat(1024 * 1024) }), headers: { 'content-type': 'application/json' } });
    expect(huge.status).toBe(413);
  });

  it('applies access rules: anonymous 401, a user without the role 403', async () => {
    expect((await call('/api/v1/things/1', { method: 'DELETE' })).status).toBe(401);
    expect((await call('/api/v1/things/1', { method: 'DELETE', headers: { 'x-test-user': '1' } })).status).toBe(403);
    expect((await call('/api/v1/things/1', { method: 'PUT', headers: { 'x-test-user': '1' } })).status).toBe(200);
  });

  it('answers preflight before routing for allowed origins and 403 for others', async () => {
    const preflight = await call('/api/v1/anything', { method: 'OPTIONS', headers: { 'access-control-request-method': 'GET', 'access-control-request-headers': 'content-type' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-methods')).toBe('GET, POST, PUT, PATCH, DELETE, OPTIONS');
    expect(preflight.headers.get('access-control-allow-headers')).toBe('content-type');
    expect(preflight.headers.get('access-control-max-age')).toBe('3600');
    const foreign = await fetch(`${base}/api/v1/things/1`, { method: 'OPTIONS', headers: { origin: 'https://evil.example' } });
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    const foreignGet = await fetch(`${base}/api/v1/things/1`, { headers: { origin: 'https://evil.example' } });
    expect(foreignGet.status).toBe(200);
    expect(foreignGet.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('the order of checks (issue 12)', () => {
  const user = { 'x-test-user': '1' };
  const put = (headers: Record<string, string>, body: string) => call('/api/v1/things/1', { method: 'PUT', headers, body });

  it('identifies the caller before any body: anonymous 401 even when oversized, then 413, 415, 400', async () => {
    const twoMiB = 'x'.repeat(2 * 1024 * 1024);
    expect((await put({ 'content-type': 'application/json' }, twoMiB)).status).toBe(401);
    expect((await put({ ...user, 'content-type': 'application/json' }, twoMiB)).status).toBe(413);
    const plain = await put({ ...user, 'content-type': 'text/plain' }, '{"title":"a"}');
    expect(plain.status).toBe(415);
    expect(await plain.json()).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
    expect((await put({ ...user, 'content-type': 'application/json' }, '{"title":')).status).toBe(400);
  });

  it('refuses a body of a type the route does not take with 415, never as "no body"', async () => {
    const form = await call('/api/v1/things', { method: 'POST', body: new URLSearchParams({ title: 'a' }) });
    expect(form.status).toBe(415);
    expect((await call('/api/v1/things', { method: 'POST', body: '{"title":"a"}', headers: { 'content-type': 'text/plain' } })).status).toBe(415);
  });

  it('refuses cross-site writes that carry cookies, from any origin not on the list (same-site ones included)', async () => {
    const post = (headers: Record<string, string>) =>
      fetch(`${base}/api/v1/things`, { method: 'POST', body: '{"title":"a"}', headers: { 'content-type': 'application/json', ...headers } });
    for (const evil of ['http://evil.example', 'http://localhost:3001', 'null']) {
      const refused = await post({ origin: evil, cookie: 'jiniaslog_access=x' });
      expect(refused.status, evil).toBe(403);
      expect(await refused.json()).toMatchObject({ code: 'FORBIDDEN' });
    }
    expect((await post({ 'sec-fetch-site': 'same-site', cookie: 'a=b' })).status).toBe(403);
    expect((await post({ origin, cookie: 'jiniaslog_access=x' })).status).toBe(201);
    expect((await post({ 'sec-fetch-site': 'same-origin', cookie: 'a=b' })).status).toBe(201);
    expect((await post({ origin: 'http://evil.example' })).status).toBe(201); // no cookie, nothing to forge
    expect((await post({ cookie: 'a=b' })).status).toBe(201); // not a browser
  });

  it('keeps a malformed % in a path segment as written and answers JSON, never the framework\'s HTML', async () => {
    for (const [path, thingId] of [['/api/v1/things/%zz', '%zz'], ['/api/v1/things/%ff%fe', '%ff%fe'], ['/api/v1/things/%E0%A4%A', '%E0%A4%A']]) {
      const response = await call(path as string);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(await response.json()).toEqual({ thingId });
    }
    const missing = await call('/api/v1/%zz/%ff');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ code: 'NOT_FOUND' });
  });
});
