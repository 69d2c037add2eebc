import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { UnavailableError } from '../../kernel/app-error.ts';
import { createLogger } from '../logging/logger.ts';
import { leaseWorkerId, NoFreeWorkerIdError, type LeaseTiming, type WorkerIdLease } from './worker-id-lease.redis.ts';
import { LEASABLE_WORKER_IDS } from './worker-ids.ts';

const redisUrl = process.env.PILOG_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const redis = new Redis(redisUrl);
const logger = createLogger({ sink: { write: () => {} } });
/** Quick enough for a test: refused 1 s after the last confirmation, expired after 1.5 s. */
const FAST: LeaseTiming = { leaseMs: 1500, renewEveryMs: 100, marginMs: 500 };

let prefix = '';
const keyOf = (workerId: number) => `${prefix}${workerId}`;
const leases: WorkerIdLease[] = [];
const lease = async (options: { timing?: LeaseTiming; client?: Redis } = {}) => {
  const leased = await leaseWorkerId(options.client ?? redis, { logger, keyPrefix: prefix, timing: options.timing });
  leases.push(leased);
  return leased;
};
/** Another process holding these ids. */
const squat = (ids: readonly number[]) => Promise.all(ids.map((id) => redis.set(keyOf(id), 'squatter', 'PX', 60_000)));
const refused = (leased: WorkerIdLease): boolean => {
  try {
    leased.workerId();
    return false;
  } catch (error) {
    if (error instanceof UnavailableError) return true;
    throw error;
  }
};
async function until(condition: () => boolean, timeoutMs: number): Promise<number> {
  const started = performance.now();
  while (!condition()) {
    if (performance.now() - started > timeoutMs) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return performance.now() - started;
}

afterEach(async () => {
  await Promise.all(leases.splice(0).map((leased) => leased.release()));
  await redis.del(...LEASABLE_WORKER_IDS.map(keyOf));
  prefix = `pilog:test:worker-id:${randomUUID()}:`;
});
prefix = `pilog:test:worker-id:${randomUUID()}:`;
afterAll(() => redis.quit());

describe('worker id lease (Redis)', () => {
  it('gives two leasers different worker ids', async () => {
    const [a, b] = [await lease(), await lease()];
    expect(new Set([a.workerId(), b.workerId()]).size).toBe(2);
    expect(await redis.pttl(keyOf(a.workerId()))).toBeGreaterThan(25_000);
  });

  it('frees the id on release: the next leaser gets it, the released lease mints no more', async () => {
    const a = await lease();
    const id = a.workerId();
    await a.release();
    expect(await redis.get(keyOf(id))).toBeNull();
    expect(refused(a)).toBe(true);
    expect((await lease()).workerId()).toBe(id);
  });

  it('refuses ids once the lease is taken over, never renews the new holder\'s lease, and resumes with a fresh one', async () => {
    const a = await lease({ timing: FAST });
    const id = a.workerId();
    await squat(LEASABLE_WORKER_IDS.filter((other) => other !== id));
    await redis.set(keyOf(id), 'thief');
    await until(() => refused(a), 1000);
    await new Promise((resolve) => setTimeout(resolve, 3 * FAST.renewEveryMs));
    expect(await redis.get(keyOf(id))).toBe('thief');
    expect(await redis.pttl(keyOf(id)), 'the thief set no expiry, and nobody added one').toBe(-1);
    expect(refused(a)).toBe(true);

    await redis.del(keyOf(42));
    await until(() => !refused(a), 1000);
    expect(a.workerId()).toBe(42);
  });

  it('stops minting before the lease could expire when Redis is out of reach, and resumes when it answers again', async () => {
    const client = new Redis(redisUrl);
    try {
      const a = await lease({ timing: FAST, client });
      const id = a.workerId();
      client.disconnect();
      const refusedAfter = await until(() => refused(a), FAST.leaseMs);
      const remaining = await redis.pttl(keyOf(id));
      console.info(`lease lapse: refused ${Math.round(refusedAfter)} ms after Redis went away, ${remaining} ms before the lease expired`);
      expect(remaining, 'the lease must still be held when minting stops').toBeGreaterThan(0);
      expect(await redis.get(keyOf(id)), 'nobody else may have taken the id yet').not.toBeNull();

      await client.connect();
      await until(() => !refused(a), 2000);
    } finally {
      client.disconnect();
    }
  });

  it('fails the start with a clear error when every worker id is leased', async () => {
    await squat(LEASABLE_WORKER_IDS);
    await expect(lease()).rejects.toThrow(NoFreeWorkerIdError);
    await expect(lease()).rejects.toThrow(/no free worker id: all 127 are leased/);
  });
});
