import { loadConfig } from '../../shared/platform/config/load-config.ts';
import { registerHttpFunction } from '../../shared/platform/http/http-function.ts';
import { identifyFromEnv } from '../../shared/platform/http/identify.ts';
import type { RunningFunction, RuntimeContext } from '../../shared/platform/runtime/running-function.ts';
import { manifest } from './function.ts';
import { readHandlers } from './handlers.ts';
import { wireBlogReads } from './wiring.ts';

export async function start(context: RuntimeContext): Promise<RunningFunction> {
  const config = loadConfig(manifest.settings, context.env);
  const wiring = await wireBlogReads(config, context.logger);
  registerHttpFunction(manifest, readHandlers(wiring.deps), { logger: context.logger, identify: identifyFromEnv(context.env) });
  return { name: manifest.name, close: () => wiring.close() };
}
