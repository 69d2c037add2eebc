import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appError } from '../../kernel/app-error.ts';
import { openRaw } from '../runtime/testing/raw-http.ts';
import { errorResponse, json, writeResponse } from './http-exchange.ts';
import { readBody } from './read-body.ts';

const MiB = 1024 * 1024;

/** `/refuse` answers 401 without reading the body; `/read` reads it under a 1 MiB limit (413 past it). */
let server: Server;
let port: number;
const bytesReadBy = new Map<string, number>();
const trackedSockets = new WeakSet<Socket>();

beforeAll(async () => {
  server = createServer(async (req: IncomingMessage, res) => {
    const socket = req.socket;
    if (!trackedSockets.has(socket)) {
      trackedSockets.add(socket);
      socket.once('close', () => bytesReadBy.set(String(req.headers['x-probe']), socket.bytesRead));
    }
    if (req.url === '/refuse') return writeResponse(res, errorResponse(appError('UNAUTHENTICATED', 'sign-in required')));
    const read = await readBody(req, MiB);
    writeResponse(res, read.ok ? json(200, { bytes: read.value.length }) : errorResponse(read.error));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const closedSocketRead = async (probe: string): Promise<number> => {
  await expect.poll(() => bytesReadBy.get(probe), { timeout: 10_000 }).toBeDefined();
  return bytesReadBy.get(probe) as number;
};

describe('an answer given before a large body has arrived', () => {
  it('reaches fetch whole, and the rest of the body is never read', async () => {
    const response = await fetch(`http://127.0.0.1:${port}/refuse`, { method: 'POST', headers: { 'x-probe': 'fetch-401' }, body: new Uint8Array(20 * MiB) });
    expect(response.status).toBe(401);
    expect(response.headers.get('connection')).toBe('close');
    expect(await response.json()).toEqual({ code: 'UNAUTHENTICATED', message: 'sign-in required' });
    expect(await closedSocketRead('fetch-401')).toBeLessThan(4 * MiB);
  });

  it('past the limit of a body being read: 413 to fetch, without reading the rest', async () => {
    const chunks = async function* () {
      for (let i = 0; i < 40; i++) yield new Uint8Array(512 * 1024);
    };
    const response = await fetch(`http://127.0.0.1:${port}/read`, { method: 'POST', headers: { 'x-probe': 'fetch-413' }, body: ReadableStream.from(chunks()), duplex: 'half' } as RequestInit);
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect(await closedSocketRead('fetch-413')).toBeLessThan(8 * MiB);
  });

  it('reaches a client that keeps sending, which is cut after a short linger rather than read', async () => {
    const raw = await openRaw(port);
    await raw.write(`POST /refuse HTTP/1.1\r\nHost: x\r\nX-Probe: stubborn\r\nContent-Length: ${100 * MiB}\r\n\r\n`);
    const writing = (async () => {
      while (!raw.socket.destroyed) await raw.write(Buffer.alloc(64 * 1024)).catch(() => raw.destroy());
    })();
    const answer = await raw.response(5_000);
    expect(answer.status).toBe(401);
    expect(answer.headers.connection).toBe('close');
    const started = Date.now();
    await raw.closed();
    await writing;
    expect(Date.now() - started).toBeLessThan(8_000);
    expect(await closedSocketRead('stubborn')).toBeLessThan(8 * MiB);
  }, 20_000);

  it('keeps the connection for a small refused body: draining it is cheaper than a new connection', async () => {
    const raw = await openRaw(port);
    await raw.write(`POST /refuse HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n${'a'.repeat(1000)}`);
    const first = await raw.response(5_000);
    expect(first.status).toBe(401);
    expect(first.headers.connection).toBe('keep-alive');
    await raw.write('POST /read HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}');
    expect((await raw.response(5_000)).body).toBe('{"bytes":2}');
    raw.destroy();
  });
});
