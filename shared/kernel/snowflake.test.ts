import { describe, expect, it } from 'vitest';
import { ClockMovedBackwardsError, SNOWFLAKE_EPOCH, createSnowflake, decodeSnowflake } from './snowflake.ts';

const steppedClock = (times: number[]) => {
  let i = 0;
  return { now: () => times[Math.min(i++, times.length - 1)] as number };
};

describe('snowflake ids', () => {
  it('packs milliseconds since the epoch, the worker id and a sequence into a safe integer', () => {
    const at = SNOWFLAKE_EPOCH + 123_456_789;
    const id = createSnowflake(5, { now: () => at }).next();
    expect(Number.isSafeInteger(id)).toBe(true);
    expect(decodeSnowflake(id)).toEqual({ millis: at, workerId: 5, sequence: 0 });
  });

  it('is strictly increasing within one millisecond and waits for the next one after 32 ids', () => {
    const at = SNOWFLAKE_EPOCH + 1000;
    const times = [...Array(32).fill(at), at, at, at + 1];
    const generator = createSnowflake(1, steppedClock(times));
    const ids = Array.from({ length: 33 }, () => generator.next());
    expect(new Set(ids).size).toBe(33);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    expect(decodeSnowflake(ids[31] as number)).toMatchObject({ millis: at, sequence: 31 });
    expect(decodeSnowflake(ids[32] as number)).toMatchObject({ millis: at + 1, sequence: 0 });
  });

  it('refuses a clock that moved backwards', () => {
    const generator = createSnowflake(0, steppedClock([SNOWFLAKE_EPOCH + 10, SNOWFLAKE_EPOCH + 9]));
    generator.next();
    expect(() => generator.next()).toThrow(ClockMovedBackwardsError);
  });

  it('stays below 2^53 at the end of its 41-bit range', () => {
    const id = createSnowflake(127, { now: () => SNOWFLAKE_EPOCH + 2 ** 41 - 1 }).next();
    expect(id).toBeLessThan(2 ** 53);
    expect(decodeSnowflake(id).workerId).toBe(127);
  });

  it('rejects worker ids outside 7 bits', () => {
    expect(() => createSnowflake(128, { now: Date.now })).toThrow(RangeError);
  });
});
