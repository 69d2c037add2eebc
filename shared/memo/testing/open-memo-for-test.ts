import type { Logger } from '../../platform/logging/logger.ts';
import { loadConfig } from '../../platform/config/load-config.ts';
import { openEventPublisher } from '../../platform/messaging/open-event-publisher.ts';
import { openPlatform } from '../../platform/runtime/open-platform.ts';
import type { MemoDeps } from '../application/memo-deps.ts';
import { memoSettings } from '../adapters/memo-settings.ts';
import { openMemo } from '../adapters/open-memo.ts';

/** The memo use cases with the memo function's adapters, on a test platform's variables: the steps a realtime (STOMP) client takes. */
export async function openMemoForTest(env: Readonly<Record<string, string>>, logger: Logger): Promise<MemoDeps & { close(): Promise<void> }> {
  const platform = openPlatform(loadConfig(memoSettings, env), { name: 'memo-test', logger, publisher: openEventPublisher });
  return { ...(await openMemo(platform)), close: platform.close };
}
