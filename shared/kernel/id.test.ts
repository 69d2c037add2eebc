import { describe, expect, it } from 'vitest';
import { parseId } from './id.ts';

describe('parseId', () => {
  it.each([12, '12', 9007199254740990, '9007199254740990', 2 ** 53 - 1])('accepts %j', (input) => {
    expect(parseId(input)).toEqual({ ok: true, value: Number(input) });
  });

  it.each(['12a', 1.5, 2 ** 53, '9007199254740992', 0, -1, '', ' 12', null, undefined, '1e3'])('rejects %j with VALIDATION_FAILED', (input) => {
    const result = parseId(input, 'cursor');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('cursor') });
  });
});
