import { loadMediaConfig } from '../../shared/media/adapters/media-settings.ts';
import { openMedia } from '../../shared/media/adapters/open-media.ts';
import { registerHttpFunction } from '../../shared/platform/http/http-function.ts';
import { identifyFromEnv } from '../../shared/platform/http/identify.ts';
import { openPlatform } from '../../shared/platform/runtime/open-platform.ts';
import type { RunningFunction, RuntimeContext } from '../../shared/platform/runtime/running-function.ts';
import { manifest } from './function.ts';
import { mediaHandlers } from './handlers.ts';

export async function start(context: RuntimeContext): Promise<RunningFunction> {
  const config = loadMediaConfig(context.env);
  const platform = openPlatform(config, { name: manifest.name, logger: context.logger });
  registerHttpFunction(manifest, mediaHandlers(await openMedia(platform, config)), { logger: context.logger, identify: identifyFromEnv(context.env) });
  return { name: manifest.name, close: platform.close };
}
