import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { UnavailableError } from '../../kernel/app-error.ts';
import type { Logger } from '../logging/logger.ts';
import { LEASABLE_WORKER_IDS } from './worker-ids.ts';

export interface LeaseTiming {
  /** How long Redis keeps a lease nobody renews: a killed process's id is free again after this. */
  readonly leaseMs: number;
  readonly renewEveryMs: number;
  /** Ids stop this long before the lease's expiry as last confirmed, for clock drift and a slow answer. */
  readonly marginMs: number;
}

export const WORKER_ID_LEASE_TIMING: LeaseTiming = { leaseMs: 30_000, renewEveryMs: 5_000, marginMs: 5_000 };
export const WORKER_ID_KEY_PREFIX = 'pilog:worker-id:';

export interface WorkerIdLease {
  /** The worker id held now; UnavailableError while the lease is not confirmed (ids could repeat another process's). */
  workerId(): number;
  /** Stops renewing and deletes the lease if it is still ours, so the id is free at once. */
  release(): Promise<void>;
}

export class NoFreeWorkerIdError extends Error {
  override name = 'NoFreeWorkerIdError';
}

// Compare-and-act on our token: a process never renews or deletes a lease that has passed to another.
const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

/**
 * Leases the first free worker id (`SET <prefix><id> <token> NX PX`) and renews it in the background. A lease that
 * Redis stops confirming (unreachable, deleted, taken over) stops minting `marginMs` before it could have expired
 * and resumes with the next renewal or fresh lease, possibly of another id. Throws NoFreeWorkerIdError when every
 * id is held. Times are measured from before each command was sent, on the monotonic clock.
 */
export async function leaseWorkerId(
  redis: Redis,
  options: { readonly logger: Logger; readonly keyPrefix?: string; readonly timing?: LeaseTiming },
): Promise<WorkerIdLease> {
  const { logger, keyPrefix = WORKER_ID_KEY_PREFIX, timing = WORKER_ID_LEASE_TIMING } = options;
  const token = randomUUID();
  const keyOf = (workerId: number): string => `${keyPrefix}${workerId}`;
  const mintUntil = (sentAt: number): number => sentAt + timing.leaseMs - timing.marginMs;
  let held: { workerId: number; mintUntil: number } | undefined;

  const acquire = async (): Promise<boolean> => {
    for (const workerId of LEASABLE_WORKER_IDS) {
      const sentAt = performance.now();
      if ((await redis.set(keyOf(workerId), token, 'PX', timing.leaseMs, 'NX')) === 'OK') {
        held = { workerId, mintUntil: mintUntil(sentAt) };
        logger.info('worker id leased', { workerId });
        return true;
      }
    }
    return false;
  };

  const renewOrReplace = async (): Promise<void> => {
    const lease = held;
    if (lease) {
      const sentAt = performance.now();
      if ((await redis.eval(RENEW, 1, keyOf(lease.workerId), token, timing.leaseMs)) === 1) {
        lease.mintUntil = mintUntil(sentAt);
        return;
      }
      held = undefined;
      logger.warn('worker id lease lost; no new ids until a fresh lease', { workerId: lease.workerId });
    }
    if (!(await acquire())) logger.warn('no free worker id; no new ids until one is freed');
  };

  if (!(await acquire())) {
    throw new NoFreeWorkerIdError(
      `no free worker id: all ${LEASABLE_WORKER_IDS.length} are leased in Redis (${keyPrefix}*); stop some processes or wait ${timing.leaseMs / 1000} s for the leases of dead ones to expire`,
    );
  }

  let stopped = false;
  let renewing: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout;
  const scheduleRenewal = (): void => {
    timer = setTimeout(() => {
      renewing = renewOrReplace()
        .catch((error: unknown) => logger.warn('worker id lease not renewed; ids stop before it could expire unless a renewal succeeds', { workerId: held?.workerId, error }))
        .finally(() => {
          if (!stopped) scheduleRenewal();
        });
    }, timing.renewEveryMs);
    timer.unref();
  };
  scheduleRenewal();

  return {
    workerId() {
      if (!held || performance.now() >= held.mintUntil) {
        throw new UnavailableError('ids cannot be made now: this instance has no confirmed worker id lease');
      }
      return held.workerId;
    },
    async release() {
      if (stopped) return;
      stopped = true;
      clearTimeout(timer);
      await renewing;
      const lease = held;
      held = undefined;
      if (!lease) return;
      try {
        await redis.eval(RELEASE, 1, keyOf(lease.workerId), token);
        logger.info('worker id released', { workerId: lease.workerId });
      } catch (error) {
        logger.warn('worker id not given back; it is free again when its lease expires', { workerId: lease.workerId, error });
      }
    },
  };
}
