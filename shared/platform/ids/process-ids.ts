import { systemClock } from '../../kernel/clock.ts';
import { createSnowflake, type IdGenerator } from '../../kernel/snowflake.ts';
import { requireSetting } from '../config/platform-settings.ts';
import type { Logger } from '../logging/logger.ts';
import { openRedis, type RedisConnection } from '../redis/redis-client.ts';
import { leaseWorkerId } from './worker-id-lease.redis.ts';
import { EMBEDDED_WORKER_ID } from './worker-ids.ts';

export interface IdSettings {
  readonly profile: 'embedded' | 'services';
  readonly redisUrl: string;
  readonly redisCommandTimeoutMs?: number;
}

export interface ProcessIds {
  readonly ids: IdGenerator;
  /** This user is done; the last one gives the worker id back. */
  release(): Promise<void>;
}

const generators = new Map<number, IdGenerator>();

/**
 * One snowflake generator per worker id per process. Two generators with the same worker id hand out the same id
 * when called in the same millisecond, and a process may come back to a worker id it held before, so they are kept.
 */
function generatorFor(workerId: number): IdGenerator {
  let generator = generators.get(workerId);
  if (!generator) generators.set(workerId, (generator = createSnowflake(workerId, systemClock)));
  return generator;
}

interface LeasedIds {
  readonly ids: IdGenerator;
  close(): Promise<void>;
}

interface SharedLease {
  users: number;
  readonly opening: Promise<LeasedIds>;
}

const leases = new Map<string, SharedLease>();

async function openLeasedIds(connection: RedisConnection, logger: Logger): Promise<LeasedIds> {
  const redis = await openRedis(connection, logger);
  try {
    const lease = await leaseWorkerId(redis.client, { logger });
    return {
      ids: { next: () => generatorFor(lease.workerId()).next() },
      async close() {
        await lease.release();
        await redis.release();
      },
    };
  } catch (error) {
    await redis.release();
    throw error;
  }
}

function startLease(connection: RedisConnection, logger: Logger): SharedLease {
  const { url } = connection;
  const started: SharedLease = { users: 0, opening: openLeasedIds(connection, logger) };
  leases.set(url, started);
  // A failed start is not remembered: the next caller tries again.
  started.opening.catch(() => {
    if (leases.get(url) === started) leases.delete(url);
  });
  return started;
}

/**
 * The ids of this process. Embedded, the one process takes a fixed worker id. With services, the process leases a
 * free worker id in Redis (worker-id-lease.redis.ts); every function of the process (the dev host, a test) shares
 * that one lease and generator, and the last to release gives the id back. Refuses to start when no id is free.
 */
export async function openProcessIds(settings: IdSettings, logger: Logger): Promise<ProcessIds> {
  if (settings.profile === 'embedded') return { ids: generatorFor(EMBEDDED_WORKER_ID), release: async () => {} };
  const url = requireSetting(settings.redisUrl, 'PILOG_REDIS_URL', 'in the services profile');
  const shared = leases.get(url) ?? startLease({ url, commandTimeoutMs: settings.redisCommandTimeoutMs }, logger);
  shared.users += 1;
  const { ids, close } = await shared.opening.catch((error: unknown) => {
    shared.users -= 1;
    throw error;
  });
  let released = false;
  return {
    ids,
    async release() {
      if (released) return;
      released = true;
      shared.users -= 1;
      if (shared.users > 0) return;
      if (leases.get(url) === shared) leases.delete(url);
      await close();
    },
  };
}
