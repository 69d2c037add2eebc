import { describe, expect, it } from 'vitest';
import { excerptOf } from './excerpt.ts';

describe('an excerpt', () => {
  it('is the first 200 code points of the body', () => {
    expect(excerptOf('가'.repeat(250))).toBe('가'.repeat(200));
    expect(excerptOf('short')).toBe('short');
  });

  it('never cuts a character outside the basic plane in half', () => {
    const excerpt = excerptOf(`${'😀'.repeat(199)}ab`);
    expect([...excerpt]).toHaveLength(200);
    expect(excerpt.endsWith('😀a')).toBe(true);
  });
});
