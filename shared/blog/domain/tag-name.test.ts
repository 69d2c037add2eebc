import { describe, expect, it } from 'vitest';
import { parseTagName, tagKey } from './tag-name.ts';

describe('tag names', () => {
  it.each(['kotlin', '  코틀린 ', 'a'.repeat(20), 'C++', '라즈베리 파이'])('accepts %j, trimmed', (name) => {
    expect(parseTagName(name)).toEqual({ ok: true, value: name.trim() });
  });

  it.each(['', '   ', 'a'.repeat(21), 'a/b', 'why?', 'c#', 'r&d', '100%', 'tab\there'])('refuses %j', (name) => {
    expect(parseTagName(name)).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });

  it('compares names case-insensitively', () => {
    expect(tagKey(' Kotlin ')).toBe(tagKey('KOTLIN'));
  });
});
