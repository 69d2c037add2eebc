import type { IncomingHttpHeaders } from 'node:http';

/** What identifies a version of a representation (RFC 9110 §8.8): a strong entity tag and its modification time. */
export interface Validators {
  /** Quoted, e.g. `"abc"`. */
  readonly etag: string;
  /** Epoch milliseconds; HTTP dates have whole seconds. */
  readonly lastModified: number;
}

export const httpDate = (epochMillis: number): string => new Date(epochMillis).toUTCString();

export const validatorHeaders = (validators: Validators): Record<string, string> => ({
  ETag: validators.etag,
  'Last-Modified': httpDate(validators.lastModified),
});

const ENTITY_TAG = /(?:W\/)?"[^"]*"/g;
const opaque = (tag: string): string => tag.replace(/^W\//, '');

/**
 * Whether a GET may be answered 304 (RFC 9110 §13.1–13.2): `If-None-Match` decides when present (weak comparison,
 * `*` matches anything); only without it is `If-Modified-Since` consulted, at the second resolution of HTTP dates.
 */
export function isNotModified(headers: IncomingHttpHeaders, validators: Validators): boolean {
  const ifNoneMatch = headers['if-none-match'];
  if (ifNoneMatch !== undefined) {
    if (ifNoneMatch.trim() === '*') return true;
    return (ifNoneMatch.match(ENTITY_TAG) ?? []).some((tag) => opaque(tag) === opaque(validators.etag));
  }
  const ifModifiedSince = headers['if-modified-since'];
  if (ifModifiedSince === undefined) return false;
  const since = Date.parse(ifModifiedSince);
  return !Number.isNaN(since) && Math.floor(validators.lastModified / 1000) * 1000 <= since;
}
