import { memoSettings } from '../../shared/memo/adapters/memo-settings.ts';
import { openMemoContext } from '../../shared/memo/adapters/open-memo-context.ts';
import { loadConfig } from '../../shared/platform/config/load-config.ts';
import { registerHttpFunction } from '../../shared/platform/http/http-function.ts';
import { identifyFromEnv } from '../../shared/platform/http/identify.ts';
import type { RunningFunction, RuntimeContext } from '../../shared/platform/runtime/running-function.ts';
import { manifest } from './function.ts';
import { memoHandlers } from './handlers.ts';

export async function start(context: RuntimeContext): Promise<RunningFunction> {
  const memo = await openMemoContext(loadConfig(memoSettings, context.env), { clientId: manifest.name, logger: context.logger });
  registerHttpFunction(manifest, memoHandlers(memo.deps), { logger: context.logger, identify: identifyFromEnv(context.env) });
  return { name: manifest.name, close: () => memo.close() };
}
