import { isRegenerationDue } from '../domain/feed-schedule.ts';
import { generateFeeds, type GenerateFeedsDeps, type GenerationSummary } from './generate-feeds.ts';

/**
 * A live generator renews its lease every LEASE_RENEWAL_MS, however long it takes; one that died holding it blocks
 * the others for GENERATION_LEASE_MS at most, well inside the contract's "in the sitemap within 60 s".
 */
export const GENERATION_LEASE_MS = 15_000;
export const LEASE_RENEWAL_MS = 5_000;

export interface RegenerateFeedsDeps extends GenerateFeedsDeps {
  /** The coalescing window: at most one generation per window after article changes. */
  readonly coalesceMs: number;
}

export type Regeneration =
  | { readonly kind: 'generated'; readonly summary: GenerationSummary }
  /** Nothing to do: no change since the last generation, or the window since it has not passed yet. */
  | { readonly kind: 'not-due' }
  /** Another instance holds the lease and is generating. */
  | { readonly kind: 'busy' };

/**
 * Regenerates the feeds under the lease. `due` regenerates only when the schedule says so (after article changes,
 * coalesced; always before the first generation): what the event tracker and the serve function ask on every event
 * and request. `always` is the cron tick's full rebuild, which also heals anything a lost event left behind.
 */
export async function regenerateFeeds(deps: RegenerateFeedsDeps, when: 'due' | 'always'): Promise<Regeneration> {
  const now = deps.clock.now();
  if (when === 'due' && !isRegenerationDue(await deps.store.schedule.read(), now, deps.coalesceMs)) return { kind: 'not-due' };
  const owner = crypto.randomUUID();
  if (!(await deps.store.schedule.claim(owner, now, GENERATION_LEASE_MS))) return { kind: 'busy' };
  // A failed renewal is not fatal here: if the lease lapses and another generator takes it, `complete` notices.
  const renewal = setInterval(() => void deps.store.schedule.renew(owner, deps.clock.now(), GENERATION_LEASE_MS).catch(() => undefined), LEASE_RENEWAL_MS);
  try {
    return { kind: 'generated', summary: await generateFeeds(deps, owner) };
  } catch (error) {
    // The generation's failure is what matters; an unreleased lease only delays the next one until it expires.
    await deps.store.schedule.release(owner).catch(() => undefined);
    throw error;
  } finally {
    clearInterval(renewal);
  }
}
