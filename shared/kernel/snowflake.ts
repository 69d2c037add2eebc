import type { Clock } from './clock.ts';

/**
 * 53-bit ids that stay exact as JSON numbers: 41 bits of milliseconds since EPOCH, 7 bits of worker id and
 * 5 bits of sequence. 32 ids per millisecond per worker; past that the generator waits for the next
 * millisecond. A clock that moves backwards would repeat ids, so it is refused.
 */
export const SNOWFLAKE_EPOCH = 1652981464342;
const WORKER_BITS = 7;
const SEQUENCE_BITS = 5;
export const MAX_WORKER_ID = 2 ** WORKER_BITS - 1;
const MAX_SEQUENCE = 2 ** SEQUENCE_BITS - 1;
const MAX_ELAPSED = 2 ** 41 - 1;

export class ClockMovedBackwardsError extends Error {}

export interface IdGenerator {
  next(): number;
}

export function createSnowflake(workerId: number, clock: Clock): IdGenerator {
  if (!Number.isInteger(workerId) || workerId < 0 || workerId > MAX_WORKER_ID) {
    throw new RangeError(`worker id must be an integer in 0..${MAX_WORKER_ID}, got ${workerId}`);
  }
  let lastMillis = -1;
  let sequence = 0;

  const waitForNextMillis = (after: number): number => {
    let now = clock.now();
    while (now <= after) now = clock.now();
    return now;
  };

  return {
    next(): number {
      let now = clock.now();
      if (now < lastMillis) {
        throw new ClockMovedBackwardsError(`clock moved backwards by ${lastMillis - now} ms; refusing to generate ids`);
      }
      if (now === lastMillis) {
        sequence = (sequence + 1) & MAX_SEQUENCE;
        if (sequence === 0) now = waitForNextMillis(lastMillis);
      } else {
        sequence = 0;
      }
      lastMillis = now;
      const elapsed = now - SNOWFLAKE_EPOCH;
      if (elapsed < 0 || elapsed > MAX_ELAPSED) throw new RangeError(`clock ${now} is outside the id epoch range`);
      // Multiplication instead of bit shifts: JS shifts work on 32 bits, the id needs 53.
      return elapsed * 2 ** (WORKER_BITS + SEQUENCE_BITS) + workerId * 2 ** SEQUENCE_BITS + sequence;
    },
  };
}

export function decodeSnowflake(id: number): { millis: number; workerId: number; sequence: number } {
  const sequence = id % 2 ** SEQUENCE_BITS;
  const workerId = Math.floor(id / 2 ** SEQUENCE_BITS) % 2 ** WORKER_BITS;
  const millis = Math.floor(id / 2 ** (WORKER_BITS + SEQUENCE_BITS)) + SNOWFLAKE_EPOCH;
  return { millis, workerId, sequence };
}
