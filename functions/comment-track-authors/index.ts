import { userProfileChanged } from '../../shared/events/auth-user.events.ts';
import { openCommentReadModels } from '../../shared/comment/adapters/open-comment.ts';
import { trackAuthorProfile } from '../../shared/comment/application/track-read-models.ts';
import { loadConfig } from '../../shared/platform/config/load-config.ts';
import { done, registerEventFunction } from '../../shared/platform/runtime/event-function.ts';
import { openPlatform } from '../../shared/platform/runtime/open-platform.ts';
import type { RunningFunction, RuntimeContext } from '../../shared/platform/runtime/running-function.ts';
import { manifest } from './function.ts';

export async function start(context: RuntimeContext): Promise<RunningFunction> {
  const config = loadConfig(manifest.settings, context.env);
  const platform = openPlatform(config, { name: manifest.name, logger: context.logger });
  const { authors } = await openCommentReadModels(platform);

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
  return { name: manifest.name, close: platform.close };
}
