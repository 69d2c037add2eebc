import { loadConfig } from '../../shared/platform/config/load-config.ts';
import { instruments } from '../../shared/platform/telemetry/instruments.ts';
import { telemetryOn } from '../../shared/platform/telemetry/telemetry.ts';
import { done, registerEventFunction, retry } from '../../shared/platform/runtime/event-function.ts';
import { openPlatform } from '../../shared/platform/runtime/open-platform.ts';
import type { RunningFunction, RuntimeContext } from '../../shared/platform/runtime/running-function.ts';
import { openSearch } from '../../shared/search/adapters/open-search.ts';
import { indexArticleEvent } from '../../shared/search/application/index-article-event.ts';
import { indexedArticleEvents } from '../../shared/search/domain/article-event-entry.ts';
import { manifest } from './function.ts';

/**
 * How an event function answers its source (README.md, "How a request and an event travel"): an event that fails
 * its schema or lacks a version can never be indexed, so the runtime rejects it (dead letter, the partition moves
 * on) before it reaches the handler; an index that is down answers retry; a stale event is done.
 */
export async function start(context: RuntimeContext): Promise<RunningFunction> {
  const config = loadConfig(manifest.settings, context.env);
  const platform = openPlatform(config, { name: manifest.name, logger: context.logger });
  const search = await openSearch(platform, config);
  // Not fatal: an index that is down now is created by the first write that reaches it.
  await search.prepare().catch((error: unknown) => context.logger.warn('search index not prepared at start', { error }));
  registerEventFunction(
    manifest,
    indexedArticleEvents,
    async (event) => {
      const indexed = await indexArticleEvent(search.index, event);
      if (!indexed.ok) return retry(indexed.error.message);
      // Publish → searchable: from the event's time (its outbox row's commit) to this write.
      if (telemetryOn() && event.time) instruments.indexLag().record((Date.now() - Date.parse(event.time)) / 1000);
      return done;
    },
    { logger: context.logger },
  );
  return { name: manifest.name, close: platform.close };
}
