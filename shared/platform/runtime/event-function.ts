import * as functions from '@google-cloud/functions-framework';
import type { Request, Response } from '@google-cloud/functions-framework';
import { HTTP, type CloudEvent } from 'cloudevents';
import type { Logger } from '../logging/logger.ts';
import type { CronTrigger, EventTrigger, FunctionManifest } from './manifest.ts';

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

export type EventHandler = (event: CloudEvent<unknown>) => Promise<Delivery>;

/**
 * Registers a CloudEvent-triggered (or cron-triggered: a PingSource tick is a CloudEvent too) function. It is
 * registered as an HTTP function and decodes the event itself with the CloudEvents SDK, because
 * functions-framework's own CloudEvent wrapper turns every failure into a 500 and so cannot say "do not retry".
 */
export function registerEventFunction(
  manifest: FunctionManifest<EventTrigger | CronTrigger>,
  handler: EventHandler,
  deps: { logger: Logger },
): void {
  const accepted = manifest.trigger.kind === 'events' ? new Set(manifest.trigger.types) : undefined;
  const deliver = async (req: Request): Promise<Delivery> => {
    let event: CloudEvent<unknown>;
    try {
      const decoded = HTTP.toEvent({ headers: req.headers, body: req.rawBody?.toString('utf8') ?? '' });
      if (Array.isArray(decoded)) return reject('batched CloudEvents are not accepted');
      event = decoded as CloudEvent<unknown>;
    } catch (error) {
      return reject(`not a CloudEvent: ${(error as Error).message}`);
    }
    if (accepted && !accepted.has(event.type)) return done; // another function's event on a shared topic
    return handler(event);
  };

  functions.http(manifest.name, async (req: Request, res: Response) => {
    let delivery: Delivery;
    try {
      delivery = await deliver(req);
    } catch (error) {
      deps.logger.error('event handler failed', { function: manifest.name, error });
      delivery = retry('unexpected failure');
    }
    if (delivery.kind !== 'done') deps.logger.warn(`event ${delivery.kind}`, { function: manifest.name, reason: delivery.reason, ceId: req.header('ce-id') });
    res.status(statusOf[delivery.kind]).json(delivery.kind === 'done' ? { status: 'done' } : { status: delivery.kind, reason: delivery.reason });
  });
}
