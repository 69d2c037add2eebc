import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { contentTypeOfExtension } from '../domain/image-type.ts';
import { LOCAL_MEDIA_PATH } from './image-store.local.ts';

/** Exactly the names the local store writes: no separators, no dots but the extension's, so no way out of the directory. */
const STORED_NAME = /^([0-9a-f]{64})\.([a-z]+)$/;

const notFound = (res: ServerResponse): void => {
  const body = JSON.stringify({ code: 'NOT_FOUND', message: 'no such image' });
  res.writeHead(404, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body) }).end(body);
};

/**
 * Serves the local image store's directory (embedded profile) under `/media/<hash>.<ext>`. The content type comes
 * from the stored extension, which the upload chose by sniffing; `nosniff` keeps browsers from second-guessing it.
 * Files never change once written (the name is their hash), so they may be cached for good.
 */
export function createMediaFilesListener(directory: string): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ code: 'METHOD_NOT_ALLOWED', message: `${req.method} is not allowed on images` }));
      return;
    }
    const name = (req.url ?? '').slice(LOCAL_MEDIA_PATH.length).split('?')[0] ?? '';
    const match = STORED_NAME.exec(name);
    const contentType = match ? contentTypeOfExtension(match[2] as string) : undefined;
    if (!contentType) return notFound(res);
    const file = join(directory, name);
    const size = await stat(file).then(
      (stats) => (stats.isFile() ? stats.size : undefined),
      () => undefined,
    );
    if (size === undefined) return notFound(res);
    res.writeHead(200, {
      'Content-Type': contentType,
      'Content-Length': size,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'public, max-age=31536000, immutable',
    });
    if (req.method === 'HEAD') return void res.end();
    createReadStream(file).on('error', () => res.destroy()).pipe(res);
  };
}
