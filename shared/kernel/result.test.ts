import { describe, expect, it } from 'vitest';
import { appError } from './app-error.ts';
import { all, err, ok } from './result.ts';

describe('combining decoded inputs', () => {
  it('gives every value, in order, when all succeeded', () => {
    expect(all(ok(1), ok('two'), ok(null))).toEqual(ok([1, 'two', null]));
  });

  it('gives the first failure, in argument order', () => {
    const first = appError('UNAUTHENTICATED', 'sign-in required');
    const second = appError('VALIDATION_FAILED', 'memoId: must be an id');
    expect(all(ok(1), err(first), err(second))).toEqual(err(first));
    expect(all(err(second), err(first))).toEqual(err(second));
  });
});
