import type { FeedScheduleState } from '../domain/feed-schedule.ts';

/**
 * The one row saying what changed since the last generation, and the lease that lets a single generator run at a
 * time across every instance of every SEO function.
 */
export interface FeedScheduleStore {
  read(): Promise<FeedScheduleState>;
  /** Counts an applied article change made at `changedAt`. */
  recordChange(changedAt: number): Promise<void>;
  /** Takes the lease unless another holder's is still running; true when taken. */
  claim(owner: string, now: number, leaseMs: number): Promise<boolean>;
  /** Extends the lease `owner` holds; false when it holds it no longer. */
  renew(owner: string, now: number, leaseMs: number): Promise<boolean>;
  /** Records a generation of what `changeCount` described and frees the lease; false when the lease was lost. */
  complete(owner: string, changeCount: number, now: number): Promise<boolean>;
  release(owner: string): Promise<void>;
}
