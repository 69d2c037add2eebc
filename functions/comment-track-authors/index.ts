import type { CloudEvent } from 'cloudevents';
import { userProfileChanged } from '../../shared/events/auth-user.events.ts';
import { createSqlAuthorDirectory } from '../../shared/comment/adapters/read-models.sql.ts';
import { trackAuthorProfile } from '../../shared/comment/application/track-author-profile.ts';
import { loadConfig } from '../../shared/platform/config/load-config.ts';
import { openDatabase } from '../../shared/platform/database/database.ts';
import { decodeEvent } from '../../shared/platform/runtime/decode-event.ts';
import { done, registerEventFunction, reject, retry, type Delivery } from '../../shared/platform/runtime/event-function.ts';
import type { RunningFunction, RuntimeContext } from '../../shared/platform/runtime/running-function.ts';
import { manifest } from './function.ts';

export async function start(context: RuntimeContext): Promise<RunningFunction> {
  const config = loadConfig(manifest.settings, context.env);
  const database = await openDatabase(config);
  const authors = createSqlAuthorDirectory(database.db);

  const handle = async (event: CloudEvent<unknown>): Promise<Delivery> => {
    const decoded = decodeEvent(event, [userProfileChanged]);
    if (!decoded.ok) return reject(decoded.error);
    const { userId, nickName, picUrl } = decoded.value.data;
    try {
      await trackAuthorProfile({ authors }, { userId, profile: { nickName, picUrl }, version: decoded.value.aggregateVersion });
      return done;
    } catch (error) {
      context.logger.warn('author profile not recorded; the source will retry', { type: event.type, id: event.id, error });
      return retry('database unavailable');
    }
  };
  registerEventFunction(manifest, handle, { logger: context.logger });
  return { name: manifest.name, close: () => database.close() };
}
