import { systemClock } from '../../kernel/clock.ts';
import { createSnowflake, type IdGenerator } from '../../kernel/snowflake.ts';

const generators = new Map<number, IdGenerator>();

/**
 * The one snowflake generator of this process for a worker id. Two generators with the same worker id hand out the
 * same id when called in the same millisecond, which is what happens when the dev host (or a test) runs several
 * functions in one process, each appending outbox rows: they must share a generator, not each make one.
 */
export function processIdGenerator(workerId: number): IdGenerator {
  let generator = generators.get(workerId);
  if (!generator) generators.set(workerId, (generator = createSnowflake(workerId, systemClock)));
  return generator;
}
