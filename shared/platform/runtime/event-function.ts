import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CloudEvent } from 'cloudevents';
import { JSON_BODY_LIMIT, readBody } from '../http/read-body.ts';
import type { Logger } from '../logging/logger.ts';
import { readCloudEvent } from './cloud-event-intake.ts';
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

export type EventHandler = (event: CloudEvent<unknown>) => Promise<Delivery>;

/**
 * Registers a CloudEvent-triggered (or cron-triggered: a PingSource tick is a CloudEvent too) function. It is
 * registered as an HTTP function and reads the event itself (binary or structured mode), strictly (`readCloudEvent`),
 * because functions-framework's own CloudEvent wrapper turns every failure into a 500 and so cannot say "do not
 * retry".
 */
export function registerEventFunction(
  manifest: FunctionManifest<EventTrigger | CronTrigger>,
  handler: EventHandler,
  deps: { logger: Logger },
): void {
  const accepted = manifest.trigger.kind === 'events' ? new Set(manifest.trigger.types) : undefined;
  const deliver = async (req: IncomingMessage): Promise<Delivery> => {
    const body = await readBody(req, JSON_BODY_LIMIT);
    if (!body.ok) return reject(body.error.message);
    const read = readCloudEvent(req.headers, body.value.toString('utf8'));
    if (!read.ok) return reject(read.error);
    const event = read.value;
    if (accepted && !accepted.has(event.type)) return done; // another function's event on a shared topic
    return telemetryOn() ? traceHandling(manifest.name, event, () => handler(event)) : handler(event);
  };

  registerFunction(manifest, async (req: IncomingMessage, res: ServerResponse) => {
    let delivery: Delivery;
    try {
      delivery = await deliver(req);
    } catch (error) {
      deps.logger.error('event handler failed', { function: manifest.name, error });
      delivery = retry('unexpected failure');
    }
    if (telemetryOn()) {
      instruments.eventDeliveries().add(1, { 'pilog.consumer': manifest.name, 'pilog.outcome': outcomeOf[delivery.kind] });
      noteFirstAnswer();
    }
    if (delivery.kind !== 'done') deps.logger.warn(`event ${delivery.kind}`, { function: manifest.name, reason: delivery.reason, ceId: req.headers['ce-id'] });
    const answer = delivery.kind === 'done' ? { status: 'done' } : { status: delivery.kind, reason: delivery.reason };
    res.writeHead(statusOf[delivery.kind], { 'Content-Type': 'application/json; charset=utf-8' }).end(JSON.stringify(answer));
  });
}
