/** When the feeds were last generated, and what has changed since (the `seo_feed_state` row). */
export interface FeedScheduleState {
  /** Bumped by every applied article change. */
  readonly changeCount: number;
  /** The newest article change ever applied (epoch ms), 0 before any. */
  readonly lastChangeAt: number;
  /** `changeCount` as the last completed generation read it; null before the first generation. */
  readonly generatedChange: number | null;
  readonly generatedAt: number | null;
}

export const neverGenerated = (state: FeedScheduleState): boolean => state.generatedChange === null;

/** Changes were applied after the stored feeds were read from the articles. */
export const isStale = (state: FeedScheduleState): boolean => state.generatedChange === null || state.changeCount > state.generatedChange;

/**
 * Regeneration is coalesced: after one, the next may start only `windowMs` later, however many changes arrive in
 * between, so a burst of publishes costs one or two generations rather than one each. Before the first generation
 * it is always due.
 */
export function isRegenerationDue(state: FeedScheduleState, now: number, windowMs: number): boolean {
  if (state.generatedChange === null || state.generatedAt === null) return true;
  return isStale(state) && now >= state.generatedAt + windowMs;
}
