import { describe, expect, it } from 'vitest';
import { httpDate, isNotModified, validatorHeaders } from './conditional-get.ts';

const validators = { etag: '"v1"', lastModified: Date.parse('2025-03-20T11:52:56.789Z') };

describe('a conditional GET', () => {
  it('is not modified when If-None-Match lists the entity tag, weak or strong, or is *', () => {
    expect(isNotModified({ 'if-none-match': '"v1"' }, validators)).toBe(true);
    expect(isNotModified({ 'if-none-match': '"v0", W/"v1"' }, validators)).toBe(true);
    expect(isNotModified({ 'if-none-match': '*' }, validators)).toBe(true);
    expect(isNotModified({ 'if-none-match': '"v0", "v2"' }, validators)).toBe(false);
  });

  it('lets If-None-Match decide over If-Modified-Since', () => {
    expect(isNotModified({ 'if-none-match': '"v0"', 'if-modified-since': httpDate(validators.lastModified) }, validators)).toBe(false);
  });

  it('is not modified since a date at or after the last modification, compared in whole seconds', () => {
    expect(isNotModified({ 'if-modified-since': 'Thu, 20 Mar 2025 11:52:56 GMT' }, validators)).toBe(true);
    expect(isNotModified({ 'if-modified-since': 'Thu, 20 Mar 2025 12:00:00 GMT' }, validators)).toBe(true);
    expect(isNotModified({ 'if-modified-since': 'Thu, 20 Mar 2025 11:52:55 GMT' }, validators)).toBe(false);
    expect(isNotModified({ 'if-modified-since': 'yesterday' }, validators)).toBe(false);
    expect(isNotModified({}, validators)).toBe(false);
  });

  it('sends the validators as ETag and an HTTP date', () => {
    expect(validatorHeaders(validators)).toEqual({ ETag: '"v1"', 'Last-Modified': 'Thu, 20 Mar 2025 11:52:56 GMT' });
  });
});
