import type { BaseOptions, Broker } from '@platformatic/kafka';
import type { Logger } from '../logging/logger.ts';

/**
 * Timeouts chosen so a broker that is down or paused fails fast instead of holding a request for the client's
 * defaults (5 s per request, three retries a second apart). Losing nothing does not depend on retrying here: the
 * outbox keeps every event until it is acknowledged, and the sweep tries again later.
 */
export const kafkaTimeouts = { connectTimeout: 1500, timeout: 2000, retries: 2, retryDelay: 200 } as const;

/** The options every pilog Kafka client (producer, consumer, admin) starts from. */
export function kafkaClientOptions(options: { brokers: readonly string[]; clientId: string }): BaseOptions {
  return { clientId: options.clientId, bootstrapBrokers: [...options.brokers], ...kafkaTimeouts };
}

/**
 * The client reports nothing by itself; a broker it cannot reach is worth a warning in our JSON log. Whether a
 * failed call is an error for pilog is decided by its caller when the promise rejects.
 */
export function warnOnBrokerFailures(client: { on(event: 'client:broker:failed', listener: (payload: { broker: Broker }) => void): unknown }, logger: Logger): void {
  client.on('client:broker:failed', ({ broker }) => logger.warn('kafka broker unreachable', { broker: `${broker.host}:${broker.port}` }));
}
