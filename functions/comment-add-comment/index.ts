import { openComment } from '../../shared/comment/adapters/open-comment.ts';
import { loadConfig } from '../../shared/platform/config/load-config.ts';
import { registerHttpFunction } from '../../shared/platform/http/http-function.ts';
import { createIdentify, jwtKey } from '../../shared/platform/http/identify.ts';
import { openEventPublisher } from '../../shared/platform/messaging/open-event-publisher.ts';
import { openPlatform } from '../../shared/platform/runtime/open-platform.ts';
import type { RunningFunction, RuntimeContext } from '../../shared/platform/runtime/running-function.ts';
import { manifest } from './function.ts';
import { commentHandlers } from './handlers.ts';

export async function start(context: RuntimeContext): Promise<RunningFunction> {
  const config = loadConfig(manifest.settings, context.env);
  const platform = openPlatform(config, { name: manifest.name, logger: context.logger, publisher: openEventPublisher });
  const comment = await openComment(platform, config);
  const identify = createIdentify({ key: jwtKey(config), accessCookieName: config.accessCookieName });
  registerHttpFunction(manifest, commentHandlers(comment), { logger: context.logger, identify });
  return { name: manifest.name, close: platform.close };
}
