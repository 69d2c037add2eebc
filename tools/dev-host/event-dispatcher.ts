import { HTTP, type CloudEvent } from 'cloudevents';
import type { Logger } from '../../shared/platform/logging/logger.ts';
import { backoffDelayMs, eventDeliveryPolicy, type DeliveryPolicy } from '../manifests/event-delivery.ts';

export type DeliveryOutcome = 'delivered' | 'dead-lettered';

/**
 * Why an event was dead-lettered: a reason for people, and the extension attributes Knative adds to a dead letter
 * (`knativeerrordest` the sink, `knativeerrorcode` its last status, `knativeerrordata` its last answer, base64).
 */
export interface DeadLetterFailure {
  readonly reason: string;
  readonly extensions: Readonly<Record<'knativeerrordest' | 'knativeerrorcode' | 'knativeerrordata', string>>;
}
export type DeadLetterSink = (event: CloudEvent<unknown>, failure: DeadLetterFailure) => Promise<void>;

/** Knative keeps this much of the sink's last answer on a dead letter. */
const MAX_ERROR_DATA_BYTES = 1024;

/** The statuses Knative eventing retries; any other non-2xx goes straight to the dead-letter sink. */
const isRetryable = (status: number): boolean => status >= 500 || [404, 408, 409, 429].includes(status);

/**
 * Delivers CloudEvents to a function the way a KafkaSource does: binary-mode HTTP POST, one event at a time per
 * partition key (so one aggregate's events arrive in order), retries with backoff on retryable statuses and on
 * connection failures, the dead-letter sink otherwise.
 */
export function createEventDispatcher(options: {
  sink: string;
  policy?: DeliveryPolicy;
  deadLetter: DeadLetterSink;
  logger: Logger;
}) {
  const policy = options.policy ?? eventDeliveryPolicy;
  const queues = new Map<string, Promise<unknown>>();

  const post = async (event: CloudEvent<unknown>): Promise<{ status: number; answer: Buffer }> => {
    const message = HTTP.binary(event);
    try {
      const response = await fetch(options.sink, { method: 'POST', headers: message.headers as Record<string, string>, body: message.body as string });
      return { status: response.status, answer: Buffer.from(await response.arrayBuffer()) };
    } catch {
      return { status: 503, answer: Buffer.alloc(0) }; // the function is not up (yet): retry like any unavailable sink
    }
  };

  const deliverNow = async (event: CloudEvent<unknown>): Promise<DeliveryOutcome> => {
    for (let attempt = 0; ; attempt++) {
      const { status, answer } = await post(event);
      if (status >= 200 && status < 300) return 'delivered';
      const retryable = isRetryable(status);
      if (!retryable || attempt >= policy.retries) {
        const reason = retryable ? `still ${status} after ${policy.retries} retries` : `answered ${status}`;
        options.logger.warn('event dead-lettered', { ceId: event.id, type: event.type, reason });
        const extensions = { knativeerrordest: options.sink, knativeerrorcode: String(status), knativeerrordata: answer.subarray(0, MAX_ERROR_DATA_BYTES).toString('base64') };
        await options.deadLetter(event, { reason, extensions });
        return 'dead-lettered';
      }
      await new Promise((resolve) => setTimeout(resolve, backoffDelayMs(policy, attempt)));
    }
  };

  return {
    deliver(event: CloudEvent<unknown>): Promise<DeliveryOutcome> {
      const key = String(event['partitionkey'] ?? event.subject ?? event.id);
      const previous = queues.get(key) ?? Promise.resolve();
      const next = previous.then(() => deliverNow(event));
      const settled = next.catch(() => undefined);
      queues.set(key, settled);
      void settled.then(() => queues.get(key) === settled && queues.delete(key));
      return next;
    },
    /** Resolves when every queued delivery has finished (used on shutdown). */
    async drain(): Promise<void> {
      while (queues.size > 0) await Promise.all(queues.values());
    },
  };
}

export type EventDispatcher = ReturnType<typeof createEventDispatcher>;
