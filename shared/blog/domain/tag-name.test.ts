import { describe, expect, it } from 'vitest';
import { excerptOf } from './article-views.ts';
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

describe('card excerpts', () => {
  it('keeps the first 200 code points, never splitting a surrogate pair', () => {
    expect(excerptOf('😀'.repeat(250))).toBe('😀'.repeat(200));
    expect(excerptOf('short')).toBe('short');
  });

  it('keeps a body of at most 200 code points whole, at the boundary in UTF-16 units and in code points', () => {
    expect(excerptOf('가'.repeat(200))).toBe('가'.repeat(200));
    expect(excerptOf('가'.repeat(201))).toBe('가'.repeat(200));
    expect(excerptOf(`${'😀'.repeat(150)}${'a'.repeat(50)}`)).toBe(`${'😀'.repeat(150)}${'a'.repeat(50)}`);
    expect(excerptOf(`${'😀'.repeat(150)}${'a'.repeat(51)}`)).toBe(`${'😀'.repeat(150)}${'a'.repeat(50)}`);
  });
});
