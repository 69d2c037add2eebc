import { anonymousOnly, registerHttpFunction } from '../../shared/platform/http/http-function.ts';
import { openPlatform } from '../../shared/platform/runtime/open-platform.ts';
import type { RunningFunction, RuntimeContext } from '../../shared/platform/runtime/running-function.ts';
import { openSeo } from '../../shared/seo/adapters/open-seo.ts';
import { loadSeoConfig } from '../../shared/seo/adapters/seo-settings.ts';
import { manifest } from './function.ts';
import { seoHandlers } from './handlers.ts';

export async function start(context: RuntimeContext): Promise<RunningFunction> {
  const config = loadSeoConfig(context.env);
  const platform = openPlatform(config.database, { name: manifest.name, logger: context.logger });
  const seo = await openSeo(platform, config);
  // Every route is public and the same for everyone: the caller is never identified.
  registerHttpFunction(manifest, seoHandlers({ feeds: seo, logger: context.logger }), { logger: context.logger, identify: anonymousOnly });
  return { name: manifest.name, close: platform.close };
}
