import { openBlogWrites } from '../../shared/blog/adapters/open-blog-writes.ts';
import { loadConfig } from '../../shared/platform/config/load-config.ts';
import { registerHttpFunction } from '../../shared/platform/http/http-function.ts';
import { identifyFromEnv } from '../../shared/platform/http/identify.ts';
import { openEventPublisher } from '../../shared/platform/messaging/open-event-publisher.ts';
import { openPlatform } from '../../shared/platform/runtime/open-platform.ts';
import type { RunningFunction, RuntimeContext } from '../../shared/platform/runtime/running-function.ts';
import { manifest } from './function.ts';
import { publishHandlers } from './handlers.ts';

export async function start(context: RuntimeContext): Promise<RunningFunction> {
  const config = loadConfig(manifest.settings, context.env);
  const platform = openPlatform(config, { name: manifest.name, logger: context.logger, publisher: openEventPublisher });
  const blog = await openBlogWrites(platform);
  registerHttpFunction(manifest, publishHandlers(blog), { logger: context.logger, identify: identifyFromEnv(context.env) });
  return { name: manifest.name, close: platform.close };
}
