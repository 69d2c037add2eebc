import { memoSettings } from '../../shared/memo/adapters/memo-settings.ts';
import { openMemo } from '../../shared/memo/adapters/open-memo.ts';
import { loadConfig } from '../../shared/platform/config/load-config.ts';
import { registerHttpFunction } from '../../shared/platform/http/http-function.ts';
import { identifyFromEnv } from '../../shared/platform/http/identify.ts';
import { openEventPublisher } from '../../shared/platform/messaging/open-event-publisher.ts';
import { openPlatform } from '../../shared/platform/runtime/open-platform.ts';
import type { RunningFunction, RuntimeContext } from '../../shared/platform/runtime/running-function.ts';
import { manifest } from './function.ts';
import { memoHandlers } from './handlers.ts';

export async function start(context: RuntimeContext): Promise<RunningFunction> {
  const platform = openPlatform(loadConfig(memoSettings, context.env), { name: manifest.name, logger: context.logger, publisher: openEventPublisher });
  const memo = await openMemo(platform);
  registerHttpFunction(manifest, memoHandlers(memo), { logger: context.logger, identify: identifyFromEnv(context.env) });
  return { name: manifest.name, close: platform.close };
}
