import { openMemo } from '../../shared/memo/adapters/open-memo.ts';
import { purgeSandbox } from '../../shared/memo/application/purge-sandbox.ts';
import { ConfigError, loadConfig } from '../../shared/platform/config/load-config.ts';
import { openEventPublisher } from '../../shared/platform/messaging/open-event-publisher.ts';
import { done, registerCronFunction } from '../../shared/platform/runtime/event-function.ts';
import { openPlatform } from '../../shared/platform/runtime/open-platform.ts';
import type { RunningFunction, RuntimeContext } from '../../shared/platform/runtime/running-function.ts';
import { manifest } from './function.ts';

/** Five fields of cron characters: enough to refuse a typo at start; the PingSource parses the rest. */
const CRON = /^\s*([\d*,/-]+\s+){4}[\d*,/-]+\s*$/;

/**
 * The purge is destructive, so being "off" does not rest on the deployment alone: with PILOG_MEMO_PURGE_CRON empty
 * the generator creates no PingSource for it, and a tick that arrives anyway (the dev host fires the manifest's
 * default schedule) is answered done without touching anything.
 */
export async function start(context: RuntimeContext): Promise<RunningFunction> {
  const config = loadConfig(manifest.settings, context.env);
  const enabled = config.purgeCron.trim() !== '';
  if (enabled && !CRON.test(config.purgeCron)) throw new ConfigError('Invalid configuration: PILOG_MEMO_PURGE_CRON must be a five-field cron expression or empty');
  const platform = openPlatform(config, { name: manifest.name, logger: context.logger, publisher: openEventPublisher });
  const memo = await openMemo(platform);

  registerCronFunction(
    manifest,
    async () => {
      if (!enabled) {
        context.logger.info('sandbox purge is off (PILOG_MEMO_PURGE_CRON is empty)');
        return done;
      }
      context.logger.info('sandbox purged', { ...(await purgeSandbox(memo)) });
      return done;
    },
    { logger: context.logger },
  );
  return { name: manifest.name, close: platform.close };
}
