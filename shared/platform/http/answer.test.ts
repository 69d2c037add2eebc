import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appError, type ErrorCode } from '../../kernel/app-error.ts';
import { err, ok, type Result } from '../../kernel/result.ts';
import { createLogger } from '../logging/logger.ts';
import { registeredListener } from '../runtime/register-function.ts';
import { defaultResources, defaultScaling, type FunctionManifest, type HttpTrigger } from '../runtime/manifest.ts';
import { createCors } from './cors.ts';
import { createHttpEdge } from './edge.ts';
import { edgeRoutes } from './edge-routes.ts';
import { answer, type HttpResponse } from './http-exchange.ts';
import { registerHttpFunction } from './http-function.ts';

const manifest = {
  name: 'test-answer-things',
  description: 'fixture',
  trigger: { kind: 'http', routes: { answer: { method: 'GET', path: '/api/v1/answers/{case}', access: 'public', summary: 'the answer to a case' } } },
  scaling: defaultScaling,
  resources: defaultResources,
  settings: {},
} as const satisfies FunctionManifest<HttpTrigger>;

const failureOf = (code: ErrorCode): Result<{ readonly id: number }> =>
  err(code === 'RATE_LIMITED' ? appError(code, 'slow down', 2.5) : appError(code, `failed with ${code}`));

/** Each case a use case's Result and how the route answers it. */
const answerTo = (which: string): Result<HttpResponse> => {
  if (which === 'created') return answer(ok({ id: 7, secret: 's' }), 201, ({ id }) => ({ id }), ({ id }) => ({ 'Cache-Control': 'no-store', Location: `/api/v1/answers/${id}` }));
  if (which === 'removed') return answer(ok(undefined), 204, () => undefined, { 'Cache-Control': 'no-store' });
  if (which === 'whole') return answer(ok('<feed/>'), (feed) => ({ status: 200, body: feed, contentType: 'application/xml' }));
  return answer(failureOf(which as ErrorCode), 200, ({ id }) => ({ id }));
};

let server: Server;
let base: string;

beforeAll(async () => {
  registerHttpFunction(
    manifest,
    { answer: async (request) => answerTo(request.params.case ?? '') },
    { logger: createLogger({ sink: { write: () => {} } }), identify: async () => null },
  );
  const listener = registeredListener(manifest.name);
  server = createServer(createHttpEdge({ routes: edgeRoutes([manifest]), cors: createCors([]), trustedProxyHops: 0, dispatch: () => listener }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('answering a use case’s Result', () => {
  it('answers a success with the status, the body made of the value and the headers made of it, as JSON', async () => {
    const response = await fetch(`${base}/api/v1/answers/created`);
    expect(response.status).toBe(201);
    expect(response.headers.get('location')).toBe('/api/v1/answers/7');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('content-length')).toBe('8');
    expect(await response.text()).toBe('{"id":7}');
  });

  it('sends no body when the body mapper gives none', async () => {
    const response = await fetch(`${base}/api/v1/answers/removed`);
    expect(response.status).toBe(204);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('content-type')).toBeNull();
    expect(await response.text()).toBe('');
  });

  it('sends the whole response a representation makes, as it is', async () => {
    const response = await fetch(`${base}/api/v1/answers/whole`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/xml');
    expect(await response.text()).toBe('<feed/>');
  });

  // The statuses §0.7 gives, written out rather than read from the table the helper uses.
  it.each([['VALIDATION_FAILED', 400], ['INVALID_TRANSITION', 400], ['UNAUTHENTICATED', 401], ['NOT_OWNER', 403], ['NOT_FOUND', 404], ['STATE_CONFLICT', 409], ['PAYLOAD_TOO_LARGE', 413], ['UPSTREAM_UNAVAILABLE', 503], ['INTERNAL', 500]] as const)(
    'answers a %s failure with %i and {code, message}',
    async (code, status) => {
      const response = await fetch(`${base}/api/v1/answers/${code}`);
      expect(response.status).toBe(status);
      expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(response.headers.get('retry-after')).toBeNull();
      expect(await response.json()).toEqual({ code, message: `failed with ${code}` });
    },
  );

  it('tells a rate-limited caller when to come back, in whole seconds', async () => {
    const response = await fetch(`${base}/api/v1/answers/RATE_LIMITED`);
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('3');
    expect(await response.json()).toEqual({ code: 'RATE_LIMITED', message: 'slow down' });
  });
});
