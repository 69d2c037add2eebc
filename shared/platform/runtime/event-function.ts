import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CloudEvent } from 'cloudevents';
import { JSON_BODY_LIMIT, readBody } from '../http/read-body.ts';
import type { Logger } from '../logging/logger.ts';
import { readCloudEvent } from './cloud-event-intake.ts';
import type { EventDefinition } from '../../events/event-definition.ts';
import { UnavailableError } from '../../kernel/app-error.ts';
import { decodeEvent, type DecodedEvent } from './decode-event.ts';
import type { CronTrigger, EventTrigger, FunctionManifest } from './manifest.ts';
import { registerFunction } from './register-function.ts';
import { instruments } from '../telemetry/instruments.ts';
import { contextOf, inSpan, noteFirstAnswer, SpanKind, telemetryOn } from '../telemetry/telemetry.ts';

/**
 * What became of one delivery. The HTTP status is the contract with the KafkaSource/PingSource in front:
 * `retry` answers 503 so the source backs off and tries again (a dependency is down); `reject` answers 400, which
 * the source does not retry but sends to the dead-letter sink, so one bad event never blocks its partition.
 */
export type Delivery = { readonly kind: 'done' } | { readonly kind: 'retry'; readonly reason: string } | { readonly kind: 'reject'; readonly reason: string };

export const done: Delivery = { kind: 'done' };
export const retry = (reason: string): Delivery => ({ kind: 'retry', reason });
export const reject = (reason: string): Delivery => ({ kind: 'reject', reason });

const statusOf: Record<Delivery['kind'], number> = { done: 200, retry: 503, reject: 400 };
/** The `pilog.outcome` of a delivery: a rejected event goes to the dead-letter sink. */
const outcomeOf: Record<Delivery['kind'], string> = { done: 'handled', retry: 'retried', reject: 'dead_lettered' };

/**
 * The consumer's span, a child of the span that wrote the event (its CloudEvents distributed-tracing extension,
 * `traceparent`, stored in the outbox with it), so a publish and what it causes downstream are one trace, whether
 * the fast path or the sweep published it.
 */
function traceHandling(functionName: string, event: CloudEvent<unknown>, handle: () => Promise<Delivery>): Promise<Delivery> {
  const attributes = { 'faas.name': functionName, 'cloudevents.event_id': event.id, 'cloudevents.event_type': event.type };
  const parent = contextOf({ traceparent: event['traceparent'], tracestate: event['tracestate'] });
  return inSpan(
    `${functionName} ${event.type}`,
    attributes,
    async (span) => {
      const delivery = await handle();
      span?.setAttribute('pilog.outcome', outcomeOf[delivery.kind]);
      return delivery;
    },
    { kind: SpanKind.CONSUMER, parent },
  );
}

/** A delivered event, decoded against the function's definitions: its data checked, its aggregate version read. */
export type DeliveredEvent<D extends EventDefinition> = DecodedEvent<D> & {
  readonly id: string;
  /** When the change happened (the CloudEvent's `time`), if the event says. */
  readonly time: string | undefined;
};

interface DeliveryDeps {
  readonly logger: Logger;
}

/**
 * Registers a function triggered by its topic's events. Each delivery is read strictly (`readCloudEvent`) and decoded
 * once against `definitions` (`decodeEvent`), so the handler receives a typed event; one that cannot be read or
 * decoded is rejected (dead letter) without reaching it. `definitions` must be the manifest's types: what the source
 * delivers is what is decoded.
 */
export function registerEventFunction<D extends EventDefinition>(
  manifest: FunctionManifest<EventTrigger>,
  definitions: readonly D[],
  handler: (event: DeliveredEvent<D>) => Promise<Delivery>,
  deps: DeliveryDeps,
): void {
  const types = new Set(definitions.map((definition) => definition.type));
  if (types.size !== manifest.trigger.types.length || !manifest.trigger.types.every((type) => types.has(type))) {
    throw new Error(`${manifest.name} decodes ${[...types].join(', ')} but its manifest takes ${manifest.trigger.types.join(', ')}`);
  }
  registerDeliveries(manifest, types, deps, async (event) => {
    const decoded = decodeEvent(event, definitions);
    return decoded.ok ? handler({ ...decoded.value, id: event.id, time: event.time }) : reject(decoded.error);
  });
}

/** Registers a function fired by its schedule (a PingSource tick, a CloudEvent too, read as strictly). */
export function registerCronFunction(manifest: FunctionManifest<CronTrigger>, tick: () => Promise<Delivery>, deps: DeliveryDeps): void {
  registerDeliveries(manifest, undefined, deps, tick);
}

/**
 * Registered as an HTTP function that reads the event itself (binary or structured mode), because functions-framework's
 * own CloudEvent wrapper turns every failure into a 500 and so cannot say "do not retry". A handler that throws is
 * answered retry here, the one place: a dependency a retry may find back (UnavailableError) with its message, anything
 * else as an unexpected failure, logged in full.
 */
function registerDeliveries(
  manifest: FunctionManifest<EventTrigger | CronTrigger>,
  accepted: ReadonlySet<string> | undefined,
  deps: DeliveryDeps,
  handle: (event: CloudEvent<unknown>) => Promise<Delivery>,
): void {
  const deliver = async (req: IncomingMessage): Promise<Delivery> => {
    const body = await readBody(req, JSON_BODY_LIMIT);
    if (!body.ok) return reject(body.error.message);
    const read = readCloudEvent(req.headers, body.value.toString('utf8'));
    if (!read.ok) return reject(read.error);
    const event = read.value;
    if (accepted && !accepted.has(event.type)) return done; // another function's event on a shared topic
    // Inside the consumer span, so a throw's outcome (retried) is on the span as every other outcome is.
    const handleOrRetry = async (): Promise<Delivery> => {
      try {
        return await handle(event);
      } catch (error) {
        const about = { function: manifest.name, ceId: event.id, ceType: event.type };
        if (error instanceof UnavailableError) {
          deps.logger.warn('event dependency unavailable; the source will retry', { ...about, error: error.message });
          return retry(error.message);
        }
        deps.logger.error('event handler failed; the source will retry', { ...about, error });
        return retry('unexpected failure');
      }
    };
    return telemetryOn() ? traceHandling(manifest.name, event, handleOrRetry) : handleOrRetry();
  };

  registerFunction(manifest, async (req: IncomingMessage, res: ServerResponse) => {
    const delivery = await deliver(req);
    if (telemetryOn()) {
      instruments.eventDeliveries().add(1, { 'pilog.consumer': manifest.name, 'pilog.outcome': outcomeOf[delivery.kind] });
      noteFirstAnswer();
    }
    if (delivery.kind !== 'done') deps.logger.warn(`event ${delivery.kind}`, { function: manifest.name, reason: delivery.reason, ceId: req.headers['ce-id'] });
    const answer = delivery.kind === 'done' ? { status: 'done' } : { status: delivery.kind, reason: delivery.reason };
    res.writeHead(statusOf[delivery.kind], { 'Content-Type': 'application/json; charset=utf-8' }).end(JSON.stringify(answer));
  });
}
