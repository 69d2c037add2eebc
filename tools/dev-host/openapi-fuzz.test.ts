import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../shared/platform/config/load-config.ts';
import { platformSettings } from '../../shared/platform/config/platform-settings.ts';
import { createLogger } from '../../shared/platform/logging/logger.ts';
import { startDevHost, type DevHost } from './dev-host.ts';

/**
 * Issue 12: requests generated from the API's own OpenAPI document, sent to the whole dev host as anonymous,
 * user and admin. Whatever the input — wrong types, missing and extra fields, huge and control-character
 * strings, numbers past 2^53, bad percent-encoding, wrong content types — no answer is a 5xx, every error is
 * `{code, message}` without a stack or a file path, and the process keeps answering. The seed is fixed
 * (PILOG_FUZZ_SEED overrides it) and printed on failure, so a failure replays.
 */
const SEED = Number(process.env.PILOG_FUZZ_SEED ?? 20251212);
const RUNS = 5000;
const ORIGIN = 'http://localhost:3000';
const SECRET = 'openapi-fuzz-secret-of-at-least-32-bytes';

interface Operation {
  readonly method: string;
  readonly path: string;
  readonly query: readonly string[];
  readonly bodyFields: readonly string[];
}

const hostileText = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('', ' ', '%', '%zz', '%ff%fe', '%E0%A4%A', '%00', 'ab%00cd', '..', '../..', '"', "'", '*', 'NEAR(', '\u0000', '\u202e', '한글', 'c++'),
  fc.constantFrom('0', '-1', '1.5', '12a', '9007199254740991', '9007199254740993', '1e309', '99999999999999999999999'),
  fc.integer().map(String),
  fc.constant('x'.repeat(70_000)),
);
const hostileJsonValue = fc.oneof(
  hostileText,
  fc.integer(),
  fc.double(),
  fc.bigInt({ min: 2n ** 53n, max: 2n ** 70n }).map((n) => Number(n)),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.oneof(fc.integer(), fc.string()), { maxLength: 5 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
);
const segment = hostileText.map((text) => (/%/.test(text) ? text : encodeURIComponent(text)).slice(0, 2000) || 'x');

type Body = { kind: 'none' } | { kind: 'json'; fields: Record<string, unknown> } | { kind: 'raw'; text: string; type: string };
const bodyFor = (fields: readonly string[]): fc.Arbitrary<Body> =>
  fc.oneof(
    fc.constant<Body>({ kind: 'none' }),
    fc
      .tuple(fc.subarray([...fields]), fc.array(hostileJsonValue, { minLength: fields.length, maxLength: fields.length }), fc.dictionary(fc.string({ maxLength: 8 }), hostileJsonValue, { maxKeys: 2 }))
      .map(([kept, values, extra]): Body => ({ kind: 'json', fields: { ...extra, ...Object.fromEntries(kept.map((name, i) => [name, values[i]])) } })),
    fc.record({
      kind: fc.constant('raw' as const),
      text: fc.oneof(fc.constantFrom('{', '[1,', 'null', '"x"', '1', '{"a":1}', 'a=b&c=d', '--x\r\n'), fc.string()),
      type: fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/octet-stream'),
    }),
  );

describe('OpenAPI-driven fuzzing of the dev host', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'pilog-fuzz-'));
  let host: DevHost;
  let operations: Operation[];
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    const env = { PILOG_PROFILE: 'embedded', PILOG_DATA_DIR: dataDir, PILOG_JWT_SECRET: SECRET };
    host = await startDevHost({ port: 0, host: '127.0.0.1', platform: loadConfig(platformSettings, env), corsOrigins: [ORIGIN], env, logger: createLogger({ sink: { write: () => {} } }) });
    const document = (await (await fetch(`${host.url}/api/docs/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { parameters?: Array<{ name: string; in: string }>; requestBody?: { content: Record<string, { schema: { properties?: object } }> } }>>;
    };
    operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({
        method: method.toUpperCase(),
        path,
        query: (operation.parameters ?? []).filter((parameter) => parameter.in === 'query').map((parameter) => parameter.name),
        bodyFields: Object.keys(operation.requestBody?.content['application/json']?.schema.properties ?? {}),
      })),
    );
    for (const [who, roles] of [['user', ['USER']], ['admin', ['ADMIN', 'USER']]] as const) {
      const token = await new SignJWT({ typ: 'access', roles: [...roles], fid: `fuzz-${who}` })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(who === 'user' ? '7001' : '7002')
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(new TextEncoder().encode(SECRET));
      cookies[who] = `jiniaslog_access=${token}`;
    }
  }, 120_000);
  afterAll(async () => {
    await host?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(`sends ${RUNS} generated requests over every route: no 5xx, every error {code, message}, no stack or path`, async () => {
    const statuses = new Map<number, number>();
    const covered = new Set<string>();
    const started = performance.now();
    const request = fc.integer({ min: 0, max: operations.length - 1 }).chain((index) => {
      const operation = operations[index] as Operation;
      const params = [...operation.path.matchAll(/\{(\w+)\}/g)].length;
      return fc.record({
        index: fc.constant(index),
        who: fc.constantFrom('anonymous', 'user', 'admin'),
        params: fc.array(segment, { minLength: params, maxLength: params }),
        query: fc.array(fc.tuple(fc.constantFrom(...operation.query, 'extra', 'keyword'), segment), { maxLength: 4 }),
        body: bodyFor(operation.bodyFields),
      });
    });
    const problems: string[] = [];
    await fc.assert(
      fc.asyncProperty(request, async ({ index, who, params, query, body }) => {
        const operation = operations[index] as Operation;
        covered.add(`${operation.method} ${operation.path}`);
        let i = 0;
        const path = operation.path.replace(/\{\w+\}/g, () => params[i++] as string);
        const search = query.map(([name, value]) => `${name}=${value}`).join('&');
        const headers: Record<string, string> = { origin: ORIGIN, ...(who === 'anonymous' ? {} : { cookie: cookies[who] as string }) };
        let payload: string | undefined;
        if (body.kind === 'json') {
          headers['content-type'] = 'application/json';
          payload = JSON.stringify(body.fields);
        } else if (body.kind === 'raw') {
          headers['content-type'] = body.type;
          payload = body.text;
        }
        const response = await fetch(`${host.url}${path}${search ? `?${search}` : ''}`, {
          method: operation.method,
          headers,
          ...(payload !== undefined && operation.method !== 'GET' ? { body: payload } : {}),
          signal: AbortSignal.timeout(15_000),
        });
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        const where = `${operation.method} ${path}?${search} as ${who}`;
        expect(response.status, where).toBeLessThan(500);
        if (response.status < 400) return void (await response.body?.cancel());
        const text = await response.text();
        expect(text, where).not.toMatch(/\bat .+:\d+:\d+|\/work\/|node_modules|\.ts:\d+/);
        const error = JSON.parse(text) as Record<string, unknown>;
        expect(Object.keys(error).sort(), where).toEqual(['code', 'message']);
        expect(typeof error.code === 'string' && typeof error.message === 'string', where).toBe(true);
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true, reporter: (details) => void (details.failed && problems.push(`seed ${SEED}: ${String(details.errorInstance ?? '').slice(0, 600)}\n${(fc.defaultReportMessage(details) ?? '').slice(0, 1500)}`)) },
    ).catch((error: unknown) => problems.push(`seed ${SEED}: ${String(error)}`));
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const counts = [...statuses.entries()].sort(([a], [b]) => a - b).map(([status, count]) => `${status}×${count}`).join(' ');
    console.log(`openapi fuzz: seed ${SEED}, ${RUNS} requests, ${covered.size}/${operations.length} routes, ${seconds} s; statuses ${counts}`);
    expect(problems, problems.join('\n')).toEqual([]);
    expect(covered.size).toBe(operations.length);
    expect((await fetch(`${host.url}/healthz`)).status).toBe(200);
  }, 300_000);
});
