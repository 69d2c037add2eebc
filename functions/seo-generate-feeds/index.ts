import { done, registerCronFunction } from '../../shared/platform/runtime/event-function.ts';
import { openPlatform } from '../../shared/platform/runtime/open-platform.ts';
import type { RunningFunction, RuntimeContext } from '../../shared/platform/runtime/running-function.ts';
import { regenerateFeeds } from '../../shared/seo/application/regenerate-feeds.ts';
import { openSeo } from '../../shared/seo/adapters/open-seo.ts';
import { loadSeoConfig } from '../../shared/seo/adapters/seo-settings.ts';
import { manifest } from './function.ts';

export async function start(context: RuntimeContext): Promise<RunningFunction> {
  const config = loadSeoConfig(context.env);
  const platform = openPlatform(config.database, { name: manifest.name, logger: context.logger });
  const seo = await openSeo(platform, config);

  // Each tick rebuilds everything, changed or not: the same articles give the same bytes, and a rebuild heals
  // whatever a missed regeneration left stale. A tick that finds another generation running leaves it to finish.
  // A failure throws, which the event edge answers with retry (the database is the only thing that can fail).
  registerCronFunction(
    manifest,
    async () => {
      const outcome = await regenerateFeeds(seo, 'always');
      if (outcome.kind === 'generated') context.logger.info('feeds generated', { ...outcome.summary });
      else context.logger.info('feeds are being generated elsewhere');
      return done;
    },
    { logger: context.logger },
  );
  return { name: manifest.name, close: platform.close };
}
