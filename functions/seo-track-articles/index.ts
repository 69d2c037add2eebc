import { systemClock } from '../../shared/kernel/clock.ts';
import { done, registerEventFunction } from '../../shared/platform/runtime/event-function.ts';
import { openPlatform } from '../../shared/platform/runtime/open-platform.ts';
import type { RunningFunction, RuntimeContext } from '../../shared/platform/runtime/running-function.ts';
import { regenerateFeeds } from '../../shared/seo/application/regenerate-feeds.ts';
import { trackArticleChange } from '../../shared/seo/application/track-article-change.ts';
import { openSeo } from '../../shared/seo/adapters/open-seo.ts';
import { loadSeoConfig } from '../../shared/seo/adapters/seo-settings.ts';
import { articleChangeOf } from './article-change.ts';
import { feedArticleEvents, manifest } from './function.ts';

export async function start(context: RuntimeContext): Promise<RunningFunction> {
  const config = loadSeoConfig(context.env);
  const platform = openPlatform(config.database, { name: manifest.name, logger: context.logger });
  const seo = await openSeo(platform, config);
  const { logger } = context;

  registerEventFunction(
    manifest,
    feedArticleEvents,
    async (event) => {
      await trackArticleChange(seo, articleChangeOf(event, systemClock.now()));
      // The event's own job is done; regenerating is a courtesy to freshness. If it fails, the change stays counted
      // and the next event, feed request or cron tick regenerates, so the event is not retried for it.
      try {
        const outcome = await regenerateFeeds(seo, 'due');
        if (outcome.kind === 'generated') logger.info('feeds regenerated after article changes', { ...outcome.summary });
      } catch (error) {
        logger.error('feed regeneration after an article change failed', { ceId: event.id, error });
      }
      return done;
    },
    { logger },
  );
  return { name: manifest.name, close: platform.close };
}
