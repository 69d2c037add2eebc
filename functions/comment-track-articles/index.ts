import { articleCreated, articleDeleted, articlePublished, articleRestored, articleUnpublished } from '../../shared/events/blog-article.events.ts';
import { openCommentReadModels } from '../../shared/comment/adapters/open-comment.ts';
import { trackArticleState, type ArticleLifecycleChange } from '../../shared/comment/application/track-read-models.ts';
import { asId } from '../../shared/kernel/id.ts';
import { loadConfig } from '../../shared/platform/config/load-config.ts';
import { done, registerEventFunction } from '../../shared/platform/runtime/event-function.ts';
import { openPlatform } from '../../shared/platform/runtime/open-platform.ts';
import type { RunningFunction, RuntimeContext } from '../../shared/platform/runtime/running-function.ts';
import { manifest, trackedArticleEvents } from './function.ts';

const changeOf = new Map<string, ArticleLifecycleChange>([
  [articleCreated.type, 'created'],
  [articlePublished.type, 'published'],
  [articleUnpublished.type, 'unpublished'],
  [articleDeleted.type, 'deleted'],
  [articleRestored.type, 'restored'],
]);

export async function start(context: RuntimeContext): Promise<RunningFunction> {
  const config = loadConfig(manifest.settings, context.env);
  const platform = openPlatform(config, { name: manifest.name, logger: context.logger });
  const { articles } = await openCommentReadModels(platform);

  registerEventFunction(
    manifest,
    trackedArticleEvents,
    async (event) => {
      const change = changeOf.get(event.definition.type) as ArticleLifecycleChange;
      const { applied } = await trackArticleState({ articles }, { articleId: asId(event.data.articleId), change, version: event.aggregateVersion });
      if (!applied) context.logger.debug('stale article event ignored', { type: event.definition.type, id: event.id, version: event.aggregateVersion });
      return done;
    },
    { logger: context.logger },
  );
  return { name: manifest.name, close: platform.close };
}
