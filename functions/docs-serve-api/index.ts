import { json } from '../../shared/platform/http/http-exchange.ts';
import { anonymousOnly, registerHttpFunction } from '../../shared/platform/http/http-function.ts';
import { openApiDocument } from '../../shared/platform/http/openapi.ts';
import type { RunningFunction, RuntimeContext } from '../../shared/platform/runtime/running-function.ts';
import { ok } from '../../shared/kernel/result.ts';
import { manifests } from '../registry.ts';
import { manifest } from './function.ts';

export async function start(context: RuntimeContext): Promise<RunningFunction> {
  const document = openApiDocument(manifests);
  registerHttpFunction(manifest, { openApi: async () => ok(json(200, document)) }, { logger: context.logger, identify: anonymousOnly });
  return { name: manifest.name, close: async () => {} };
}
