import { HTTP, type CloudEvent } from 'cloudevents';
import { loadAuthConfig } from '../../shared/auth/adapters/auth-settings.ts';
import { createDevIdentityProvider, devIdentityProviderOptions } from '../../tools/dev-host/dev-identity-provider/dev-identity-provider.ts';
import type { RaisedEvent } from '../../shared/events/event-definition.ts';
import { systemClock } from '../../shared/kernel/clock.ts';
import { createSnowflake } from '../../shared/kernel/snowflake.ts';
import type { TestDatabase } from '../../shared/platform/database/testing/test-databases.ts';
import { createCors } from '../../shared/platform/http/cors.ts';
import { createHttpEdge } from '../../shared/platform/http/edge.ts';
import { edgeRoutes } from '../../shared/platform/http/edge-routes.ts';
import type { Logger } from '../../shared/platform/logging/logger.ts';
import { appendToOutbox } from '../../shared/platform/outbox/append-to-outbox.ts';
import type { FunctionManifest } from '../../shared/platform/runtime/manifest.ts';
import { registeredListener } from '../../shared/platform/runtime/register-function.ts';
import type { RunningFunction, StartFunction } from '../../shared/platform/runtime/running-function.ts';
import { startLoopbackServer, type LoopbackServer } from '../../shared/platform/runtime/testing/loopback-server.ts';
import { cloudEventOf } from '../../tools/dev-host/event-sources.ts';
import { postPing } from '../../tools/dev-host/ping-source.ts';
import { loadFunction } from '../function-modules.ts';
import { FRONTEND_ORIGIN } from './api-caller.ts';
import { TEST_JWT_SECRET } from './platform-env.ts';

/** A function of the registry, or a stand-in a test brings with its own start. */
export type PlatformFunction = FunctionManifest | { readonly manifest: FunctionManifest; readonly start: StartFunction };

/** Event and cron functions, reached over HTTP as their KafkaSource or PingSource reaches them (binary-mode CloudEvents). */
export interface EventSinks {
  /** The URL an event or cron function takes its deliveries at. */
  sinkOf(functionName: string): string;
  /** Delivers a CloudEvent to the function subscribed to `topic`: the delivery's status. */
  deliverCloudEvent(topic: string, event: CloudEvent<unknown>): Promise<number>;
  /** Appends an event to the outbox as its producer would, then delivers that row like a KafkaSource. */
  deliver(event: RaisedEvent): Promise<number>;
  /** Fires a cron function as its PingSource would. */
  ping(functionName: string): Promise<Response>;
}

export interface HostedFunctions extends EventSinks {
  readonly base: string;
  readonly env: Readonly<Record<string, string>>;
  close(): Promise<void>;
}

const manifestOf = (fn: PlatformFunction): FunctionManifest => ('manifest' in fn ? fn.manifest : fn);
const startOf = async (fn: PlatformFunction): Promise<StartFunction> => ('manifest' in fn ? fn.start : (await loadFunction(fn)).start);

/**
 * The functions as production runs them, on the database given: HTTP functions behind the edge on one
 * loopback port (the development identity provider mounted under `/oidc` beside it, as the dev host mounts it), each
 * event or cron function on a loopback port of its own. Functions that ask another (comments asking the blog) find it
 * at the edge.
 */
export async function hostFunctions(options: {
  functions: readonly PlatformFunction[];
  /** Migrated; its variables say where it is. */
  database: TestDatabase;
  env: Readonly<Record<string, string>>;
  logger: Logger;
  trustedProxyHops: number;
}): Promise<HostedFunctions> {
  const front = await startLoopbackServer();
  const { database } = options;
  const env: Record<string, string> = {
    PILOG_OIDC_ISSUER: `${front.base}/oidc`,
    PILOG_BLOG_READ_URL: front.base,
    // In both profiles, so a test can sign a token of its own with the secret it reads here.
    PILOG_JWT_SECRET: TEST_JWT_SECRET,
    ...options.env,
  };
  const { logger } = options;

  const idp = await createDevIdentityProvider(devIdentityProviderOptions(loadAuthConfig(env)));
  const manifests = options.functions.map(manifestOf);
  const running: RunningFunction[] = [];
  for (const fn of options.functions) running.push(await (await startOf(fn))({ logger, env }));

  const edge = createHttpEdge({
    routes: edgeRoutes(manifests.filter((manifest) => manifest.trigger.kind === 'http')),
    cors: createCors([FRONTEND_ORIGIN]),
    trustedProxyHops: options.trustedProxyHops,
    dispatch: registeredListener,
  });
  front.serve((req, res) => ((req.url ?? '').startsWith(idp.mountPath) ? idp.listener(req, res) : edge(req, res)));

  const sinks = new Map<string, LoopbackServer>();
  for (const manifest of manifests.filter((each) => each.trigger.kind !== 'http')) {
    const sink = await startLoopbackServer();
    sink.serve(registeredListener(manifest.name));
    sinks.set(manifest.name, sink);
  }
  const sinkOf = (functionName: string): string => {
    const sink = sinks.get(functionName);
    if (!sink) throw new Error(`${functionName} is not an event or cron function of this platform`);
    return sink.base;
  };
  const deliverCloudEvent = async (topic: string, event: CloudEvent<unknown>): Promise<number> => {
    const consumer = manifests.find((manifest) => manifest.trigger.kind === 'events' && manifest.trigger.topic === topic);
    if (!consumer) throw new Error(`no consumer of ${topic}`);
    const message = HTTP.binary(event);
    return (await fetch(sinkOf(consumer.name), { method: 'POST', headers: message.headers as Record<string, string>, body: message.body as string })).status;
  };
  const ids = createSnowflake(77, systemClock);

  return {
    base: front.base,
    env,
    sinkOf,
    deliverCloudEvent,
    async deliver(event) {
      const [outgoing] = await database.db.transaction().execute((trx) => appendToOutbox(trx, [event], { ids, clock: systemClock }));
      if (!outgoing) throw new Error('nothing appended');
      return deliverCloudEvent(outgoing.topic, cloudEventOf(outgoing));
    },
    ping: (functionName) => postPing(sinkOf(functionName), functionName),
    async close() {
      for (const server of [front, ...sinks.values()]) await server.close();
      await idp.close();
      await Promise.all(running.map((fn) => fn.close()));
    },
  };
}
