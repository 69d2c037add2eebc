import { loadConfig } from '../../shared/platform/config/load-config.ts';
import { registerHttpFunction } from '../../shared/platform/http/http-function.ts';
import { createIdentify, jwtKey } from '../../shared/platform/http/identify.ts';
import type { RunningFunction, RuntimeContext } from '../../shared/platform/runtime/running-function.ts';
import { manifest } from './function.ts';
import { commentHandlers } from './handlers.ts';
import { wireComments } from './wiring.ts';

export async function start(context: RuntimeContext): Promise<RunningFunction> {
  const config = loadConfig(manifest.settings, context.env);
  const wiring = await wireComments(config, context.logger);
  const identify = createIdentify({ key: jwtKey(config), accessCookieName: config.accessCookieName });
  registerHttpFunction(manifest, commentHandlers(wiring.deps), { logger: context.logger, identify });
  return { name: manifest.name, close: () => wiring.close() };
}
