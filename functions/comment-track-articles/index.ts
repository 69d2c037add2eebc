import { articleCreated, articleDeleted, articlePublished, articleRestored, articleUnpublished } from '../../shared/events/blog-article.events.ts';
import { createSqlArticleDirectory } from '../../shared/comment/adapters/read-models.sql.ts';
import { trackArticleState, type ArticleLifecycleChange } from '../../shared/comment/application/track-article-state.ts';
import { asId } from '../../shared/kernel/id.ts';
import { loadConfig } from '../../shared/platform/config/load-config.ts';
import { openDatabase } from '../../shared/platform/database/database.ts';
import { done, registerEventFunction } from '../../shared/platform/runtime/event-function.ts';
import type { RunningFunction, RuntimeContext } from '../../shared/platform/runtime/running-function.ts';
import { manifest, trackedArticleEvents } from './function.ts';
import type { CommentTables } from '../../shared/comment/adapters/comment-tables.ts';

const changeOf = new Map<string, ArticleLifecycleChange>([
  [articleCreated.type, 'created'],
  [articlePublished.type, 'published'],
  [articleUnpublished.type, 'unpublished'],
  [articleDeleted.type, 'deleted'],
  [articleRestored.type, 'restored'],
]);

export async function start(context: RuntimeContext): Promise<RunningFunction> {
  const config = loadConfig(manifest.settings, context.env);
  const database = await openDatabase(config);
  const articles = createSqlArticleDirectory(database.db.withTables<CommentTables>());

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
  return { name: manifest.name, close: () => database.close() };
}
