import { loadConfig } from '../../shared/platform/config/load-config.ts';
import { httpSettingsFor } from '../../shared/platform/http/http-settings.ts';
import { registerFunction } from '../../shared/platform/runtime/register-function.ts';
import type { RunningFunction, RuntimeContext } from '../../shared/platform/runtime/running-function.ts';
import { createAutosaveChannel } from '../../shared/realtime/adapters/autosave-channel.ts';
import { manifest } from './function.ts';
import { sockJsHandler } from './handlers.ts';
import { wireAutosave } from './wiring.ts';

export async function start(context: RuntimeContext): Promise<RunningFunction> {
  const config = loadConfig(manifest.settings, context.env);
  const { corsOrigins } = loadConfig(httpSettingsFor(config.profile), context.env);
  const wiring = await wireAutosave(config, { name: manifest.name, logger: context.logger });
  const channel = createAutosaveChannel({ ...wiring, allowedOrigins: corsOrigins, idleTimeoutSeconds: config.idleTimeoutSeconds, logger: context.logger });
  // Not registerHttpFunction: SockJS's XHR receivers hold and stream their responses.
  registerFunction(manifest, sockJsHandler(channel, context.logger));
  return {
    name: manifest.name,
    upgrade: channel.upgrade,
    drain: channel.drain,
    async close() {
      await channel.close();
      await wiring.close();
    },
  };
}
