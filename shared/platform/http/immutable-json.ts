import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { jsonTextOf } from '../../kernel/json-text.ts';
import { isNotModified } from './conditional-get.ts';
import type { HttpResponse } from './http-exchange.ts';

const JSON_TYPE = 'application/json; charset=utf-8';
const representations = new WeakMap<object, { readonly bytes: Buffer; readonly etag: string }>();

/**
 * A 200 JSON answer of a value that never changes once made (a read-cache entry, which a new generation replaces
 * rather than edits): serialised and tagged once per value, then sent as those bytes; 304 when the caller already
 * holds them (`If-None-Match`). A value not seen before costs one hash, and one serialisation unless the read
 * cache has serialised it already or decoded it from text (jsonTextOf).
 */
export function immutableJson(headers: IncomingHttpHeaders, value: object): HttpResponse {
  let representation = representations.get(value);
  if (!representation) {
    const bytes = Buffer.from(jsonTextOf(value));
    representation = { bytes, etag: `"${createHash('sha1').update(bytes).digest('base64url')}"` };
    representations.set(value, representation);
  }
  const etag = { ETag: representation.etag };
  // No modification time: If-Modified-Since alone never matches, If-None-Match decides.
  if (isNotModified(headers, { etag: representation.etag, lastModified: Number.NaN })) return { status: 304, headers: etag };
  return { status: 200, body: representation.bytes, contentType: JSON_TYPE, headers: etag };
}
