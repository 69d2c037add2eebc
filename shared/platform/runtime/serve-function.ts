import { createServer, type RequestListener } from 'node:http';
import { manifestNamed } from '../../../functions/registry.ts';
import { loadConfig } from '../config/load-config.ts';
import { platformSettings } from '../config/platform-settings.ts';
import { answerClientErrorsAsJson } from '../http/client-errors.ts';
import { createCors } from '../http/cors.ts';
import { createHttpEdge } from '../http/edge.ts';
import { edgeRoutes } from '../http/edge-routes.ts';
import { serverPhases } from '../http/server-phases.ts';
import { createLogger } from '../logging/logger.ts';
import { frameworkListener } from './framework-listener.ts';
import { installGracefulShutdown } from './graceful-shutdown.ts';
import { runtimeSettingsFor } from './runtime-settings.ts';

/**
 * The container entry: starts the one function named by FUNCTION_TARGET on PORT, the way Knative runs it.
 * `/healthz` answers the readiness and liveness probes, and turns 503 while the process drains.
 */
const started = performance.now();
const { profile } = loadConfig({ profile: platformSettings.profile });
const config = loadConfig(runtimeSettingsFor(profile));
const logger = createLogger({ level: config.logLevel, fields: { function: config.target } });
const manifest = manifestNamed(config.target);
const running = await (await manifest.load()).start({ logger, env: process.env });

const framework = frameworkListener(manifest.name);
const inner: RequestListener =
  manifest.trigger.kind === 'http'
    ? createHttpEdge({ routes: edgeRoutes([manifest]), cors: createCors(config.corsOrigins), trustedProxyHops: config.trustedProxyHops, dispatch: () => framework, logger })
    : framework;

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
  close: () => running.close(),
  onDraining: () => {
    phases.drain();
    void running.drain?.();
  },
});
server.listen(config.port, () => {
  logger.info('function ready', { port: config.port, coldStartMs: Math.round(performance.now() - started) });
});
