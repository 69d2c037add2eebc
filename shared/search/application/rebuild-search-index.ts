import type { AppError } from '../../kernel/app-error.ts';
import type { Clock } from '../../kernel/clock.ts';
import { err, ok, type Result } from '../../kernel/result.ts';
import type { ArticleSource } from '../ports/article-source.port.ts';
import type { SearchIndex, SearchIndexRebuild } from '../ports/search-index.port.ts';

/**
 * Events committed while the rebuild streams still reach the index it replaces. After the swap, the articles changed
 * since a little before the start are written again; the margin covers writers whose clocks run behind ours.
 */
export const CATCH_UP_MARGIN_MS = 60_000;

export interface RebuildProgress {
  readonly target: string;
  readonly done: number;
  readonly total: number;
  readonly phase: 'copying' | 'catching up' | 'done';
}

export interface RebuildDeps {
  readonly source: ArticleSource;
  readonly rebuild: SearchIndexRebuild;
  /** The live index, written to after the swap. */
  readonly live: SearchIndex;
  readonly clock: Clock;
  readonly progress: (progress: RebuildProgress) => void;
}

/**
 * Streams every article that was ever published into a fresh index (documents for the published, tombstones for
 * the rest, so a late event cannot bring one back), makes it live, then catches up with what changed meanwhile.
 * Entries carry aggregate versions, so the live indexer writing at the same time can never be undone by it.
 */
export async function rebuildSearchIndex(deps: RebuildDeps): Promise<Result<{ readonly target: string; readonly articles: number }, AppError>> {
  const startedAt = deps.clock.now();
  const target = await deps.rebuild.start();
  const total = await deps.source.count();
  let done = 0;
  deps.progress({ target: target.name, done, total, phase: 'copying' });
  for await (const batch of deps.source.entries()) {
    const written = await target.write(batch);
    if (!written.ok) return err(written.error);
    done += batch.length;
    deps.progress({ target: target.name, done, total: Math.max(total, done), phase: 'copying' });
  }
  await target.promote();
  let caughtUp = 0;
  for await (const batch of deps.source.entries({ changedSince: startedAt - CATCH_UP_MARGIN_MS })) {
    const written = await deps.live.write(batch);
    if (!written.ok) return err(written.error);
    caughtUp += batch.length;
    deps.progress({ target: target.name, done: caughtUp, total: caughtUp, phase: 'catching up' });
  }
  deps.progress({ target: target.name, done, total: done, phase: 'done' });
  return ok({ target: target.name, articles: done });
}
