import { createServer, type RequestListener } from 'node:http';
import { loadConfig } from '../config/load-config.ts';
import { platformSettings } from '../config/platform-settings.ts';
import { answerClientErrorsAsJson } from '../http/client-errors.ts';
import { createCors } from '../http/cors.ts';
import { createHttpEdge } from '../http/edge.ts';
import { edgeRoutes } from '../http/edge-routes.ts';
import { serverPhases } from '../http/server-phases.ts';
import { createLogger } from '../logging/logger.ts';
import { openTelemetry } from '../telemetry/telemetry.ts';
import { installGracefulShutdown } from './graceful-shutdown.ts';
import type { FunctionManifest } from './manifest.ts';
import { registeredListener } from './register-function.ts';
import type { StartFunction } from './running-function.ts';
import { runtimeSettingsFor } from './runtime-settings.ts';

/**
 * Serves one function on PORT the way Knative runs it: a plain node:http server, pilog's edge in front of an HTTP
 * function, and the handler the function registered called directly. `/healthz` answers the readiness and
 * liveness probes, and turns 503 while the process drains. Telemetry (when on) opens before the function starts
 * and is flushed on SIGTERM after the function closed. Each function's `main.ts` calls this.
 */
export async function serveFunction(manifest: FunctionManifest, start: StartFunction): Promise<void> {
  const { profile } = loadConfig({ profile: platformSettings.profile });
  const config = loadConfig(runtimeSettingsFor(profile));
  const logger = createLogger({ level: config.logLevel, fields: { function: manifest.name } });
  const telemetry = await openTelemetry(config, manifest.name, logger);
  const running = await start({ logger, env: process.env });
  const listener = registeredListener(manifest.name);
  const inner: RequestListener =
    manifest.trigger.kind === 'http'
      ? createHttpEdge({ routes: edgeRoutes([manifest]), cors: createCors(config.corsOrigins), trustedProxyHops: config.trustedProxyHops, dispatch: () => listener, logger })
      : listener;

  const phases = serverPhases();
  phases.serve((req, res) => {
    if (req.url === '/healthz') {
      res.writeHead(phases.draining ? 503 : 200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ status: phases.draining ? 'draining' : 'ok', function: manifest.name }));
      return;
    }
    inner(req, res);
  });
  const server = createServer(phases.listener);
  answerClientErrorsAsJson(server);
  // WebSocket handshakes arrive as upgrades, beside the edge: a function that takes them checks origin and cookie itself.
  const { upgrade } = running;
  if (upgrade) server.on('upgrade', (req, socket, head) => (phases.draining ? socket.destroy() : upgrade.call(running, req, socket, head)));
  installGracefulShutdown({
    server,
    logger,
    close: () => running.close().finally(() => telemetry.shutdown()),
    onDraining: () => {
      phases.drain();
      void running.drain?.();
    },
  });
  // Since the process started, so the log shows the whole cold start (module loading included).
  server.listen(config.port, () => logger.info('function ready', { port: config.port, coldStartMs: Math.round(performance.now()) }));
}
