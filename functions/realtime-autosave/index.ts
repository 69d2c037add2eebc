import { loadConfig } from '../../shared/platform/config/load-config.ts';
import { httpSettingsFor } from '../../shared/platform/http/http-settings.ts';
import { openEventPublisher } from '../../shared/platform/messaging/open-event-publisher.ts';
import { openPlatform } from '../../shared/platform/runtime/open-platform.ts';
import { registerFunction } from '../../shared/platform/runtime/register-function.ts';
import type { RunningFunction, RuntimeContext } from '../../shared/platform/runtime/running-function.ts';
import { createAutosaveChannel } from '../../shared/realtime/adapters/autosave-channel.ts';
import { manifest } from './function.ts';
import { sockJsHandler } from './handlers.ts';
import { openAutosave } from './open-autosave.ts';

export async function start(context: RuntimeContext): Promise<RunningFunction> {
  const config = loadConfig(manifest.settings, context.env);
  const { corsOrigins } = loadConfig(httpSettingsFor(config.profile), context.env);
  const platform = openPlatform(config, { name: manifest.name, logger: context.logger, publisher: openEventPublisher });
  const autosave = await openAutosave(platform, config);
  const channel = createAutosaveChannel({ ...autosave, allowedOrigins: corsOrigins, idleTimeoutSeconds: config.idleTimeoutSeconds, logger: context.logger });
  // Not registerHttpFunction: SockJS's XHR receivers hold and stream their responses.
  registerFunction(manifest, sockJsHandler(channel, context.logger));
  return {
    name: manifest.name,
    upgrade: channel.upgrade,
    drain: channel.drain,
    async close() {
      await channel.close();
      await platform.close();
    },
  };
}
