import { userProfileChanged } from '../../shared/events/auth-user.events.ts';
import { createSqlAuthorDirectory } from '../../shared/comment/adapters/read-models.sql.ts';
import { trackAuthorProfile } from '../../shared/comment/application/track-author-profile.ts';
import { loadConfig } from '../../shared/platform/config/load-config.ts';
import { openDatabase } from '../../shared/platform/database/database.ts';
import { done, registerEventFunction } from '../../shared/platform/runtime/event-function.ts';
import type { RunningFunction, RuntimeContext } from '../../shared/platform/runtime/running-function.ts';
import { manifest } from './function.ts';
import type { CommentTables } from '../../shared/comment/adapters/comment-tables.ts';

export async function start(context: RuntimeContext): Promise<RunningFunction> {
  const config = loadConfig(manifest.settings, context.env);
  const database = await openDatabase(config);
  const authors = createSqlAuthorDirectory(database.db.withTables<CommentTables>());

  registerEventFunction(
    manifest,
    [userProfileChanged],
    async (event) => {
      const { userId, nickName, picUrl } = event.data;
      await trackAuthorProfile({ authors }, { userId, profile: { nickName, picUrl }, version: event.aggregateVersion });
      return done;
    },
    { logger: context.logger },
  );
  return { name: manifest.name, close: () => database.close() };
}
