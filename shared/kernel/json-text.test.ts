import { describe, expect, it } from 'vitest';
import { fromJsonText, jsonTextOf } from './json-text.ts';

describe('JSON text of values that never change', () => {
  it('serialises an object once: later changes to it are not seen', () => {
    const value = { title: 'first' };
    expect(jsonTextOf(value)).toBe('{"title":"first"}');
    value.title = 'changed';
    expect(jsonTextOf(value)).toBe('{"title":"first"}');
  });

  it('gives a decoded value the very text it came from, not a serialisation of its own', () => {
    const stored = '[ {"id": 1,  "tags": [] } ]';
    const value = fromJsonText<Array<{ id: number }>>(stored);
    expect(value).toEqual([{ id: 1, tags: [] }]);
    expect(jsonTextOf(value)).toBe(stored);
  });

  it('serialises values that cannot be remembered every time', () => {
    expect(jsonTextOf(null)).toBe('null');
    expect(fromJsonText<null>('null')).toBeNull();
    expect(jsonTextOf('gen-1')).toBe('"gen-1"');
  });
});
