import { anonymousOnly, registerHttpFunction } from '../../shared/platform/http/http-function.ts';
import type { RunningFunction, RuntimeContext } from '../../shared/platform/runtime/running-function.ts';
import { openSeo } from '../../shared/seo/adapters/open-seo.ts';
import { loadSeoConfig } from '../../shared/seo/adapters/seo-settings.ts';
import { manifest } from './function.ts';
import { seoHandlers } from './handlers.ts';

export async function start(context: RuntimeContext): Promise<RunningFunction> {
  const seo = await openSeo(loadSeoConfig(context.env));
  // Every route is public and the same for everyone: the caller is never identified.
  registerHttpFunction(manifest, seoHandlers({ feeds: seo.deps, logger: context.logger }), { logger: context.logger, identify: anonymousOnly });
  return { name: manifest.name, close: () => seo.close() };
}
