import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRaw, requestHead, type RawConnection } from './testing/raw-http.ts';
import { spawnNode, type SpawnedProcess } from './testing/spawn-node.ts';

/**
 * Issue 12: what a hostile or broken client can do to a running process — cut a body short, break the chunked
 * framing, trickle bytes, keep connections alive across SIGTERM — against the dev host and against functions
 * started by the container entry. The process must stay up and keep answering, and drain with no reset.
 */
const SECRET = 'crash-probe-secret-of-at-least-32-bytes!';
const devHostMain = fileURLToPath(new URL('../../../tools/dev-host/main.ts', import.meta.url));
/** A function's container entry, `functions/<name>/main.ts`. */
const containerEntry = (name: string): string => fileURLToPath(new URL(`../../../functions/${name}/main.ts`, import.meta.url));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Entry {
  readonly proc: SpawnedProcess;
  readonly port: number;
  readonly dataDir: string;
  /** Resolves once the process has begun draining after SIGTERM. */
  draining(): Promise<unknown>;
}

async function startDevHost(): Promise<Entry> {
  const dataDir = mkdtempSync(join(tmpdir(), 'pilog-probe-'));
  const proc = spawnNode(devHostMain, { PORT: '0', PILOG_PROFILE: 'embedded', PILOG_DATA_DIR: dataDir, PILOG_JWT_SECRET: SECRET, PILOG_LOG_LEVEL: 'warn' });
  let port: string | undefined;
  for (let i = 0; i < 600 && !port; i++) {
    port = / on http:\/\/[^:]+:(\d+)/.exec(proc.stderr())?.[1];
    await sleep(50);
  }
  if (!port) throw new Error(`the dev host did not start: ${proc.stderr()}`);
  const draining = async () => {
    while (!proc.stderr().includes('stopping…')) await sleep(10);
  };
  return { proc, port: Number(port), dataDir, draining };
}

async function startContainer(target: string): Promise<Entry> {
  const dataDir = mkdtempSync(join(tmpdir(), 'pilog-probe-'));
  const port = 25000 + Math.floor(Math.random() * 5000);
  const proc = spawnNode(containerEntry(target), { PORT: String(port), PILOG_PROFILE: 'embedded', PILOG_DATA_DIR: dataDir, PILOG_JWT_SECRET: SECRET });
  await proc.waitForLine((line) => line.message === 'function ready', 30_000);
  return { proc, port, dataDir, draining: () => proc.waitForLine((line) => line.message === 'shutting down') };
}

const userCookie = async () =>
  `jiniaslog_access=${await new SignJWT({ typ: 'access', roles: ['USER'], fid: 'probe' })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('4242')
    .setIssuedAt()
    .setExpirationTime('10m')
    .sign(new TextEncoder().encode(SECRET))}`;

const healthy = async (entry: Entry) => {
  expect(entry.proc.child.exitCode, entry.proc.stderr()).toBeNull();
  expect((await fetch(`http://127.0.0.1:${entry.port}/healthz`)).status).toBe(200);
};

/** Writes the head and part of a body, then goes away. */
async function cutShort(entry: Entry, head: string, part: string): Promise<void> {
  const connection = await openRaw(entry.port);
  await connection.write(head + part);
  await sleep(100);
  connection.destroy();
  await sleep(100);
}

const jsonComment = (length: number) => requestHead('POST', '/api/v1/comments', { 'Content-Type': 'application/json', 'Content-Length': length });
const multipartUpload = (cookie: string) =>
  requestHead('POST', '/api/v1/media/image', { 'Content-Type': 'multipart/form-data; boundary=x', 'Content-Length': 200_000, Cookie: cookie });
const partOfImage = `--x\r\nContent-Disposition: form-data; name="image"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n${'\x89PNG'.repeat(2000)}`;

function probeJsonRoute(entry: () => Entry) {
  it('survives a JSON body cut short (the curl -m 1 of case 1)', async () => {
    await cutShort(entry(), jsonComment(1000), '{"refId":1');
    await healthy(entry());
  });

  it('answers a malformed chunked body, or closes it, and survives', async () => {
    const connection = await openRaw(entry().port);
    await connection.write(requestHead('POST', '/api/v1/comments', { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' }) + '5\r\n{"ref\r\nzz\r\nnot hex\r\n');
    const answer = await connection.response(3000).catch(() => undefined);
    if (answer) {
      expect(answer.status).toBe(400);
      expect(JSON.parse(answer.body)).toMatchObject({ code: 'VALIDATION_FAILED' });
    }
    connection.destroy();
    await healthy(entry());
  });

  it("answers what Node's HTTP parser refuses as JSON: a broken header 400, oversized headers 431", async () => {
    for (const [request, status] of [
      ['GET /healthz HTTP/1.1\r\nHost: a\r\nBroken header line\r\n\r\n', 400],
      [`GET /healthz HTTP/1.1\r\nHost: a\r\nX-Big: ${'x'.repeat(20_000)}\r\n\r\n`, 431],
    ] as const) {
      const connection = await openRaw(entry().port);
      await connection.write(request);
      const answer = await connection.response();
      expect(answer.status).toBe(status);
      expect(JSON.parse(answer.body)).toHaveProperty('code');
      connection.destroy();
    }
    await healthy(entry());
  });

  it('survives a slow client that trickles its body and then leaves', async () => {
    const connection = await openRaw(entry().port);
    await connection.write(jsonComment(100));
    for (const byte of '{"refId":1,"conte') {
      await connection.write(byte);
      await sleep(30);
    }
    connection.destroy();
    await healthy(entry());
  });

  it('drains on SIGTERM with 50 keep-alive clients mid-request: every one answered, told to close, 0 resets', async () => {
    const clients: RawConnection[] = await Promise.all(Array.from({ length: 50 }, () => openRaw(entry().port)));
    const body = '{"refType":"ARTICLE"}';
    await Promise.all(clients.map((client) => client.write(jsonComment(body.length) + body.slice(0, 5))));
    await sleep(200);
    entry().proc.child.kill('SIGTERM');
    await entry().draining();
    const outcomes = await Promise.all(
      clients.map(async (client) => {
        try {
          await client.write(body.slice(5));
          const answer = await client.response();
          if (answer.headers.connection?.toLowerCase() === 'close') return { status: answer.status, reset: (await client.closed()).reset };
          // A keep-alive client sends its next request on the same connection.
          await client.write(requestHead('GET', '/healthz', {}));
          await client.response();
          return { status: answer.status, reset: false };
        } catch (error) {
          return { status: 0, reset: true, error: String(error) };
        }
      }),
    );
    expect(outcomes.filter((outcome) => outcome.reset)).toHaveLength(0);
    expect(outcomes.every((outcome) => outcome.status >= 400 && outcome.status < 500)).toBe(true);
    expect((await entry().proc.exited()).code).toBe(0);
  });
}

function probeUploadRoute(entry: () => Entry) {
  it('survives a multipart upload cut short, signed in (streaming to the sniffer) and anonymous (refused first)', async () => {
    await cutShort(entry(), multipartUpload(await userCookie()), partOfImage);
    await cutShort(entry(), multipartUpload(''), partOfImage);
    await healthy(entry());
  });
}

describe('crash probe: dev host (npm start)', () => {
  let entry: Entry;
  beforeAll(async () => {
    entry = await startDevHost();
  }, 60_000);
  afterAll(() => {
    entry?.proc.child.kill('SIGKILL');
    if (entry) rmSync(entry.dataDir, { recursive: true, force: true });
  });
  probeUploadRoute(() => entry);
  probeJsonRoute(() => entry);
});

describe('crash probe: container entry, media-upload-image', () => {
  let entry: Entry;
  beforeAll(async () => {
    entry = await startContainer('media-upload-image');
  }, 60_000);
  afterAll(() => {
    entry?.proc.child.kill('SIGKILL');
    if (entry) rmSync(entry.dataDir, { recursive: true, force: true });
  });
  probeUploadRoute(() => entry);
});

describe('crash probe: container entry, comment-add-comment', () => {
  let entry: Entry;
  beforeAll(async () => {
    entry = await startContainer('comment-add-comment');
  }, 60_000);
  afterAll(() => {
    entry?.proc.child.kill('SIGKILL');
    if (entry) rmSync(entry.dataDir, { recursive: true, force: true });
  });
  probeJsonRoute(() => entry);
});
