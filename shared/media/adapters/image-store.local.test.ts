import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { samples } from '../testing/image-samples.ts';
import { createLocalImageStore } from './image-store.local.ts';
import { createMediaFilesListener } from './media-files.http.ts';

const HASH = 'a'.repeat(64);

describe('the local image store and its file server', () => {
  let root: string;
  let server: Server;
  let base: string;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'pilog-media-store-'));
    writeFileSync(join(root, 'secret.txt'), 'outside the media directory');
    const files = createMediaFilesListener(join(root, 'media'));
    server = createServer((req, res) => void files(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(root, { recursive: true, force: true });
  });

  it('writes the file once under its name and answers an absolute URL under /media/', async () => {
    const store = createLocalImageStore({ directory: join(root, 'media'), publicApiUrl: base });
    const image = { name: `${HASH}.png`, bytes: samples.png, contentType: 'image/png' };
    expect(await store.save(image)).toEqual({ ok: true, value: `${base}/media/${HASH}.png` });
    expect(await store.save(image)).toEqual({ ok: true, value: `${base}/media/${HASH}.png` });
    expect(readdirSync(join(root, 'media'))).toEqual([`${HASH}.png`]);
    expect(readFileSync(join(root, 'media', `${HASH}.png`)).equals(Buffer.from(samples.png))).toBe(true);
  });

  it('serves a stored file with the content type of its extension, nosniff and a long cache', async () => {
    await createLocalImageStore({ directory: join(root, 'media'), publicApiUrl: base }).save({ name: `${HASH}.avif`, bytes: samples.avif, contentType: 'image/avif' });
    const response = await fetch(`${base}/media/${HASH}.avif`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/avif');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('cache-control')).toContain('immutable');
    expect(Buffer.from(await response.arrayBuffer()).equals(Buffer.from(samples.avif))).toBe(true);
    expect((await fetch(`${base}/media/${HASH}.avif`, { method: 'HEAD' })).headers.get('content-length')).toBe(String(samples.avif.length));
    expect((await fetch(`${base}/media/${HASH}.avif`, { method: 'DELETE' })).status).toBe(405);
  });

  it.each([
    '/media/../secret.txt',
    '/media/..%2fsecret.txt',
    '/media/%2e%2e/secret.txt',
    `/media/${HASH}.svg`,
    `/media/${HASH.toUpperCase()}.png`,
    `/media/${'b'.repeat(64)}.png`,
    '/media/',
    `/media/${HASH}.png/..`,
  ])('answers 404 for %s', async (path) => {
    // fetch would normalise dot segments; send the path exactly as written.
    const response = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = httpRequest(`${base}${path}`, { method: 'GET', path }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      request.on('error', reject);
      request.end();
    });
    expect(response.status).toBe(404);
    expect(response.body).not.toContain('outside the media directory');
    expect(existsSync(join(root, 'secret.txt'))).toBe(true);
  });
});
