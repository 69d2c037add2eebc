import type { CloudEvent } from 'cloudevents';
import { articleCreated, articleDeleted, articlePublished, articleRestored, articleUnpublished } from '../../shared/events/blog-article.events.ts';
import { createSqlArticleDirectory } from '../../shared/comment/adapters/read-models.sql.ts';
import { trackArticleState, type ArticleLifecycleChange } from '../../shared/comment/application/track-article-state.ts';
import { asId } from '../../shared/kernel/id.ts';
import { loadConfig } from '../../shared/platform/config/load-config.ts';
import { openDatabase } from '../../shared/platform/database/database.ts';
import { decodeEvent } from '../../shared/platform/runtime/decode-event.ts';
import { done, registerEventFunction, reject, retry, type Delivery } from '../../shared/platform/runtime/event-function.ts';
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
  const database = await openDatabase(config);
  const articles = createSqlArticleDirectory(database.db);

  const handle = async (event: CloudEvent<unknown>): Promise<Delivery> => {
    const decoded = decodeEvent(event, trackedArticleEvents);
    if (!decoded.ok) return reject(decoded.error);
    try {
      const { applied } = await trackArticleState(
        { articles },
        { articleId: asId(decoded.value.data.articleId), change: changeOf.get(event.type) as ArticleLifecycleChange, version: decoded.value.aggregateVersion },
      );
      if (!applied) context.logger.debug('stale article event ignored', { type: event.type, id: event.id, version: decoded.value.aggregateVersion });
      return done;
    } catch (error) {
      context.logger.warn('article state not recorded; the source will retry', { type: event.type, id: event.id, error });
      return retry('database unavailable');
    }
  };
  registerEventFunction(manifest, handle, { logger: context.logger });
  return { name: manifest.name, close: () => database.close() };
}
