import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { CloudEvent, HTTP, type Message } from 'cloudevents';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articlePublished } from '../shared/events/blog-article.events.ts';
import { openTestDatabase, type TestDatabase } from '../shared/platform/database/testing/test-databases.ts';
import { freePort } from '../bench/measure-process.ts';

const here = (relative: string): string => fileURLToPath(new URL(relative, import.meta.url));
const frameworkCli = here('../node_modules/@google-cloud/functions-framework/build/src/main.js');

interface Served {
  readonly base: string;
  readonly process: ChildProcess;
}

/** Starts a process on a free port and waits until it answers `probe` (any status). */
async function serve(args: readonly string[], env: Record<string, string>, probe: string): Promise<Served> {
  const port = await freePort();
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env, PORT: String(port), PILOG_LOG_LEVEL: 'error' }, stdio: 'ignore' });
  const base = `http://127.0.0.1:${port}`;
  for (let tries = 0; ; tries++) {
    if (child.exitCode !== null) throw new Error(`${args.join(' ')} exited with ${child.exitCode}`);
    try {
      await (await fetch(`${base}${probe}`)).arrayBuffer();
      return { base, process: child };
    } catch (error) {
      if (tries > 600) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

const underFramework = (name: string, env: Record<string, string>, probe: string) =>
  serve([frameworkCli, `--source=${here('./framework-entry.ts')}`], { ...env, FUNCTION_TARGET: name }, probe);
const underPilog = (name: string, env: Record<string, string>) => serve([here(`./${name}/main.ts`)], env, '/healthz');

const post = (base: string, message: Message) =>
  fetch(`${base}/`, { method: 'POST', headers: message.headers as Record<string, string>, body: message.body as string });

let database: TestDatabase;
const servers: Served[] = [];
beforeAll(async () => {
  database = await openTestDatabase('sqlite');
}, 30_000);
afterAll(async () => {
  for (const server of servers) server.process.kill('SIGKILL');
  await database.close();
});

/**
 * functions-framework stays the programming model: the same function code runs under the framework's own server
 * (`functions-framework --target`) and under pilog's node:http entry, with the same answers.
 */
describe.each([
  ['functions-framework’s own server', underFramework],
  ['pilog’s node:http entry', (name: string, env: Record<string, string>) => underPilog(name, env)],
])('under %s', (_server, start) => {
  it('an HTTP function answers its route', { timeout: 60_000 }, async () => {
    const served = await start('docs-serve-api', {}, '/api/docs/openapi.json');
    servers.push(served);
    const response = await fetch(`${served.base}/api/docs/openapi.json`);
    expect(response.status).toBe(200);
    expect(((await response.json()) as { paths: Record<string, unknown> }).paths).toHaveProperty('/api/v1/articles/simple');
    const unknown = await fetch(`${served.base}/api/v1/nothing-here`);
    expect({ status: unknown.status, body: await unknown.json() }).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
  });

  it('an event function decodes binary and structured CloudEvents and answers the delivery contract', { timeout: 60_000 }, async () => {
    const served = await start('search-index-articles', database.env, '/');
    servers.push(served);
    const event = (data: unknown) =>
      new CloudEvent({ id: 'e1', source: '/pilog/test', type: articlePublished.type, datacontenttype: 'application/json', data, aggregateversion: '1' });
    // Data that breaks the event's schema can never be indexed: rejected (400, dead letter), in either mode.
    for (const message of [HTTP.binary(event({ nonsense: true })), HTTP.structured(event({ nonsense: true }))]) {
      const response = await post(served.base, message);
      expect({ status: response.status, body: await response.json() }).toMatchObject({ status: 400, body: { status: 'reject' } });
    }
    // Another function's event on the shared topic is acknowledged and ignored.
    const other = new CloudEvent({ id: 'e2', source: '/pilog/test', type: 'pilog.test.thing.other.v1', data: {} });
    const response = await post(served.base, HTTP.binary(other));
    expect({ status: response.status, body: await response.json() }).toEqual({ status: 200, body: { status: 'done' } });
    const notAnEvent = await fetch(`${served.base}/`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hello' });
    expect(notAnEvent.status).toBe(400);
  });
});
