import { loadMediaConfig } from '../../shared/media/adapters/media-config.ts';
import { registerHttpFunction } from '../../shared/platform/http/http-function.ts';
import { identifyFromEnv } from '../../shared/platform/http/identify.ts';
import type { RunningFunction, RuntimeContext } from '../../shared/platform/runtime/running-function.ts';
import { manifest } from './function.ts';
import { mediaHandlers } from './handlers.ts';

export async function start(context: RuntimeContext): Promise<RunningFunction> {
  const config = loadMediaConfig(context.env);
  const store = await config.openStore(context.logger);
  registerHttpFunction(manifest, mediaHandlers({ store, maxBytes: config.maxBytes }), { logger: context.logger, identify: identifyFromEnv(context.env) });
  return { name: manifest.name, close: async () => {} };
}
