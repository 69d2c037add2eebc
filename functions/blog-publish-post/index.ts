import { loadConfig } from '../../shared/platform/config/load-config.ts';
import { registerHttpFunction } from '../../shared/platform/http/http-function.ts';
import { identifyFromEnv } from '../../shared/platform/http/identify.ts';
import type { RunningFunction, RuntimeContext } from '../../shared/platform/runtime/running-function.ts';
import { manifest } from './function.ts';
import { publishHandlers } from './handlers.ts';
import { openBlogWrites } from '../../shared/blog/adapters/open-blog-writes.ts';

export async function start(context: RuntimeContext): Promise<RunningFunction> {
  const config = loadConfig(manifest.settings, context.env);
  const wiring = await openBlogWrites(config, { clientId: manifest.name, logger: context.logger });
  registerHttpFunction(manifest, publishHandlers(wiring.deps), { logger: context.logger, identify: identifyFromEnv(context.env) });
  return { name: manifest.name, close: () => wiring.close() };
}
