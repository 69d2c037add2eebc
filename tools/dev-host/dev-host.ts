import { mkdirSync } from 'node:fs';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { manifests } from '../../functions/registry.ts';
import { loadAuthConfig } from '../../shared/auth/adapters/auth-settings.ts';
import { createDevIdentityProvider, devIdentityProviderOptions } from './dev-identity-provider/dev-identity-provider.ts';
import { LOCAL_MEDIA_PATH, localMediaDirectory } from '../../shared/media/adapters/image-store.local.ts';
import { createMediaFilesListener } from '../../shared/media/adapters/media-files.http.ts';
import type { ConfigOf } from '../../shared/platform/config/load-config.ts';
import { platformSettings } from '../../shared/platform/config/platform-settings.ts';
import { migrateToLatest } from '../../shared/platform/database/migrate.ts';
import { answerClientErrorsAsJson } from '../../shared/platform/http/client-errors.ts';
import { createCors } from '../../shared/platform/http/cors.ts';
import { createHttpEdge } from '../../shared/platform/http/edge.ts';
import { edgeRoutes } from '../../shared/platform/http/edge-routes.ts';
import { serverPhases } from '../../shared/platform/http/server-phases.ts';
import type { Logger } from '../../shared/platform/logging/logger.ts';
import { openEventPublisher } from '../../shared/platform/messaging/open-event-publisher.ts';
import { drainServer } from '../../shared/platform/runtime/graceful-shutdown.ts';
import { openPlatform } from '../../shared/platform/runtime/open-platform.ts';
import { registeredListener } from '../../shared/platform/runtime/register-function.ts';
import type { RunningFunction } from '../../shared/platform/runtime/running-function.ts';
import { prefixRoutes } from '../manifests/gateway.ts';
import { fileDeadLetterSink, kafkaDeadLetterSink } from './dead-letters.ts';
import type { DeliveryPolicy } from '../manifests/event-delivery.ts';
import { createEventDispatcher, type EventDispatcher } from './event-dispatcher.ts';
import { subscribeKafka } from './event-sources.ts';
import { feedFromOutbox } from './outbox-feed.ts';
import { pingEvent, startPingSources } from './ping-source.ts';
import { loadFunction } from '../../functions/function-modules.ts';
import { migrations } from '../migrations.ts';

export interface DevHostOptions {
  readonly port: number;
  readonly host: string;
  readonly platform: ConfigOf<typeof platformSettings>;
  readonly corsOrigins: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly logger: Logger;
  readonly delivery?: DeliveryPolicy;
}

export interface DevHost {
  readonly url: string;
  readonly functions: readonly string[];
  /** Fires a cron function now, as its PingSource would on a matching minute. */
  ping(functionName: string): ReturnType<EventDispatcher['deliver']>;
  /** Stops taking connections, lets requests in flight finish (each answered with `Connection: close`), then stops everything. */
  close(): Promise<void>;
}

const DRAIN_DEADLINE_MS = 5000;

const listen = (server: Server, port: number, host: string): Promise<number> =>
  new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });

/**
 * The local platform: every function of the registry in one process, HTTP functions behind one edge with the
 * production route table, event functions fed like a KafkaSource feeds them, cron functions fired like a
 * PingSource fires them. Migrations run here at start, never in a function.
 */
export async function startDevHost(options: DevHostOptions): Promise<DevHost> {
  const { platform, logger } = options;
  const closers: Array<() => Promise<void>> = [];
  if (platform.profile === 'embedded') mkdirSync(platform.dataDir, { recursive: true });

  // The database as the functions open it; the host itself takes nothing else from its platform.
  const hostPlatform = openPlatform(platform, { name: 'dev-host', logger });
  const database = await hostPlatform.database();
  const applied = await migrateToLatest(database, migrations);
  if (applied.length > 0) logger.info('migrations applied', { applied });
  // Kept open in the embedded profile: event functions are fed from its outbox.
  if (platform.profile === 'services') await hostPlatform.close();
  else closers.push(hostPlatform.close);

  // Answering from the first connection on: 503 while the functions start, never a request left hanging.
  const phases = serverPhases();
  const server = createServer(phases.listener);
  answerClientErrorsAsJson(server);
  const port = await listen(server, options.port, options.host);
  // The address it listens on, not `localhost`: a name that may resolve elsewhere (::1) would make the issuer and the
  // public URL point past the listener. A frontend on either host name calls the API on its own one (SameSite cookies).
  const url = `http://${['0.0.0.0', '::'].includes(options.host) ? '127.0.0.1' : options.host}:${port}`;
  // Functions that build absolute URLs (OIDC issuer, media links, feed self links) learn where they are served;
  // the ones that ask another function (comments asking the blog) find it here, as the cluster's services are one host.
  const env = { PILOG_PUBLIC_API_URL: url, PILOG_BLOG_READ_URL: url, ...options.env };

  const running: RunningFunction[] = [];
  for (const manifest of manifests) {
    running.push(await (await loadFunction(manifest)).start({ logger: logger.child({ function: manifest.name }), env }));
  }
  closers.push(async () => void (await Promise.allSettled(running.map((fn) => fn.close()))));

  const listeners = new Map(manifests.map((manifest) => [manifest.name, registeredListener(manifest.name)]));
  const listenerOf = (name: string): RequestListener => listeners.get(name) as RequestListener;
  const edge = createHttpEdge({
    routes: edgeRoutes(manifests),
    cors: createCors(options.corsOrigins),
    trustedProxyHops: 0,
    dispatch: listenerOf,
    logger,
  });

  const auth = loadAuthConfig(env);
  const idp = auth.devIdp ? await createDevIdentityProvider(devIdentityProviderOptions(auth)) : undefined;
  if (idp) closers.push(() => idp.close());

  // The embedded profile's uploaded images, served where the local media store's URLs point.
  const mediaFiles = platform.profile === 'embedded' ? createMediaFilesListener(localMediaDirectory(platform.dataDir)) : undefined;
  phases.serve((req, res) => {
    if (req.url === '/healthz') {
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ status: 'ok', profile: platform.profile }));
    } else if (idp && req.url?.startsWith(idp.mountPath)) idp.listener(req, res);
    else if (mediaFiles && req.url?.startsWith(LOCAL_MEDIA_PATH)) void mediaFiles(req, res);
    else edge(req, res);
  });
  // WebSocket handshakes go where the production gateway sends them (its prefix routes: `/ws` → realtime-autosave).
  const runningByName = new Map(running.map((fn) => [fn.name, fn]));
  server.on('upgrade', (req, socket, head) => {
    const path = (req.url ?? '/').split('?')[0] as string;
    const route = prefixRoutes.find(({ prefix }) => path === prefix || path.startsWith(`${prefix}/`));
    const target = route && runningByName.get(route.functionName);
    if (target?.upgrade) target.upgrade(req, socket, head);
    else socket.destroy();
  });

  // Event and cron functions get a loopback server each: sources reach them over HTTP, as in the cluster.
  const dispatchers = new Map<string, EventDispatcher>();
  const deadLetterPublisher = platform.profile === 'services' ? await openEventPublisher(platform, { clientId: 'pilog-dev-host', logger }) : undefined;
  if (deadLetterPublisher) closers.push(() => deadLetterPublisher.close());
  for (const manifest of manifests) {
    if (manifest.trigger.kind === 'http') continue;
    const sinkServer = createServer(listenerOf(manifest.name));
    const sinkPort = await listen(sinkServer, 0, '127.0.0.1');
    closers.push(() => new Promise<void>((resolve) => sinkServer.close(() => resolve())));
    const deadLetter = deadLetterPublisher ? kafkaDeadLetterSink(deadLetterPublisher, manifest.name) : fileDeadLetterSink(platform.dataDir, manifest.name);
    const dispatcher = createEventDispatcher({ sink: `http://127.0.0.1:${sinkPort}/`, deadLetter, logger: logger.child({ source: manifest.name }), ...(options.delivery ? { policy: options.delivery } : {}) });
    dispatchers.set(manifest.name, dispatcher);
    const trigger = manifest.trigger;
    if (trigger.kind === 'events' && platform.profile === 'embedded') {
      const consumer = { consumer: manifest.name, topic: trigger.topic };
      closers.push(await feedFromOutbox({ db: database.db, consumer, dispatcher, logger: logger.child({ source: manifest.name }) }));
    } else if (trigger.kind === 'events') {
      const brokers = platform.kafkaBrokers.split(',').map((broker) => broker.trim());
      closers.push(await subscribeKafka({ brokers, functionName: manifest.name, topic: trigger.topic, dispatcher, logger }));
    }
  }
  const stopPings = startPingSources(
    manifests.flatMap((manifest) =>
      manifest.trigger.kind === 'cron' ? [{ functionName: manifest.name, schedule: manifest.trigger.schedule, dispatcher: dispatchers.get(manifest.name) as EventDispatcher }] : [],
    ),
  );

  return {
    url,
    functions: manifests.map((manifest) => manifest.name),
    ping(functionName) {
      const dispatcher = dispatchers.get(functionName);
      if (!dispatcher) throw new Error(`${functionName} is not an event or cron function`);
      return dispatcher.deliver(pingEvent(functionName, new Date()));
    },
    async close() {
      stopPings();
      phases.drain();
      await Promise.all(running.map((fn) => fn.drain?.()));
      await drainServer(server, DRAIN_DEADLINE_MS);
      await Promise.race([Promise.all([...dispatchers.values()].map((d) => d.drain())), new Promise((resolve) => setTimeout(resolve, 3000))]);
      for (const close of closers.reverse()) await close();
    },
  };
}
