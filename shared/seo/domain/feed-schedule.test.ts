import { describe, expect, it } from 'vitest';
import { isRegenerationDue, type FeedScheduleState } from './feed-schedule.ts';

const generated = (changeCount: number, generatedChange: number, generatedAt: number): FeedScheduleState => ({ changeCount, lastChangeAt: 0, generatedChange, generatedAt });

describe('feed regeneration', () => {
  it('is due before the first generation, whatever the time', () => {
    expect(isRegenerationDue({ changeCount: 0, lastChangeAt: 0, generatedChange: null, generatedAt: null }, 0, 10_000)).toBe(true);
  });

  it('is not due while nothing changed since the last generation', () => {
    expect(isRegenerationDue(generated(3, 3, 1000), 1_000_000, 10_000)).toBe(false);
  });

  it('after a change, waits until the coalescing window since the last generation has passed', () => {
    expect(isRegenerationDue(generated(4, 3, 1000), 10_999, 10_000)).toBe(false);
    expect(isRegenerationDue(generated(4, 3, 1000), 11_000, 10_000)).toBe(true);
  });
});
