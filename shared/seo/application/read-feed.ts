import { appError, notFound, type AppError } from '../../kernel/app-error.ts';
import type { Clock } from '../../kernel/clock.ts';
import { err, ok, type Result } from '../../kernel/result.ts';
import type { StoredFeed } from '../domain/feeds.ts';
import { neverGenerated } from '../domain/feed-schedule.ts';
import type { SeoStore } from '../ports/seo-store.port.ts';

/** How long a request waits for another instance's first generation before answering 503. */
export const FIRST_GENERATION_WAIT_MS = 10_000;
const POLL_MS = 200;

/**
 * A stored feed by name. A name that is not stored after a generation is not a feed (a sitemap file out of range):
 * 404. Before the first generation has completed anywhere, the caller waits for it rather than fail.
 */
export async function readFeed(deps: { readonly store: SeoStore; readonly clock: Clock }, name: string): Promise<Result<StoredFeed, AppError>> {
  const deadline = deps.clock.now() + FIRST_GENERATION_WAIT_MS;
  for (;;) {
    const feed = await deps.store.feeds.get(name);
    if (feed !== null) return ok(feed);
    if (!neverGenerated(await deps.store.schedule.read())) return err(notFound(`feed ${name}`));
    if (deps.clock.now() >= deadline) return err(appError('UPSTREAM_UNAVAILABLE', 'the feeds are being generated for the first time', 5));
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
