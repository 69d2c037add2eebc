/**
 * How an event reaches its function, defined once: the generated KafkaSources carry it as Knative's DeliverySpec and
 * the dev host's KafkaSource emulation follows the same numbers, so a local run retries exactly as the cluster does.
 * Exponential backoff of 0.5 s · 2^n over 10 retries rides out about 8.5 minutes of a dependency being away (an
 * OpenSearch or MySQL pod rescheduled on a Pi) before an event goes to the function's dead-letter topic.
 */
export interface DeliveryPolicy {
  readonly retries: number;
  /** The first retry waits this long; retry n waits backoffDelayMs · 2^n (Knative's `exponential` policy). */
  readonly backoffDelayMs: number;
}

export const eventDeliveryPolicy: DeliveryPolicy = { retries: 10, backoffDelayMs: 500 };

/** The policy as a Knative DeliverySpec (without its dead-letter sink). */
export const knativeDeliverySpec = {
  retry: eventDeliveryPolicy.retries,
  backoffPolicy: 'exponential',
  backoffDelay: `PT${eventDeliveryPolicy.backoffDelayMs / 1000}S`,
} as const;

/** The delay before retry `attempt` (0-based). */
export const backoffDelayMs = (policy: DeliveryPolicy, attempt: number): number => policy.backoffDelayMs * 2 ** attempt;
