import { describe, expect, it } from 'vitest';
import { excerptOf } from './excerpt.ts';

describe('an excerpt', () => {
  it('is the first 200 code points of the body', () => {
    expect(excerptOf('가'.repeat(250))).toBe('가'.repeat(200));
    expect(excerptOf('short')).toBe('short');
  });

  it('never cuts a character outside the basic plane in half', () => {
    expect(excerptOf('😀'.repeat(250))).toBe('😀'.repeat(200));
    const excerpt = excerptOf(`${'😀'.repeat(199)}ab`);
    expect([...excerpt]).toHaveLength(200);
    expect(excerpt.endsWith('😀a')).toBe(true);
  });

  it('keeps a body of at most 200 code points whole, at the boundary in UTF-16 units and in code points', () => {
    expect(excerptOf('가'.repeat(200))).toBe('가'.repeat(200));
    expect(excerptOf('가'.repeat(201))).toBe('가'.repeat(200));
    expect(excerptOf(`${'😀'.repeat(150)}${'a'.repeat(50)}`)).toBe(`${'😀'.repeat(150)}${'a'.repeat(50)}`);
    expect(excerptOf(`${'😀'.repeat(150)}${'a'.repeat(51)}`)).toBe(`${'😀'.repeat(150)}${'a'.repeat(50)}`);
  });
});
