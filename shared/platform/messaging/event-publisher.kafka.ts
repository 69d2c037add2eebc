import { compatibilityPartitioner, Producer, stringSerializers } from '@platformatic/kafka';
import type { Logger } from '../logging/logger.ts';
import { inSpan, linksOf, SpanKind, telemetryOn } from '../telemetry/telemetry.ts';
import type { EventPublisher } from './event-publisher.port.ts';
import { kafkaClientOptions, warnOnBrokerFailures } from './kafka-client.ts';
import { toKafkaBinaryMessage } from './kafka-binary-message.ts';

/** A publish that has not been acknowledged by then fails, so a paused or unreachable broker cannot hang a request. */
export const PUBLISH_DEADLINE_MS = 5000;

/** `work`'s outcome, or a rejection once `ms` have passed; a late outcome of `work` is then ignored. */
async function withinDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} not acknowledged within ${ms} ms`)), ms);
  });
  work.catch(() => undefined);
  try {
    return await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Publishes to Kafka with acks from all in-sync replicas. The producer is idempotent so that its own retries
 * cannot duplicate or reorder messages, and keeps one request in flight so per-key order holds across retries.
 * Keys are placed by Java's partitioner (murmur2 of the key, made positive, modulo the partitions), so an
 * aggregate's events land on the partition a JVM producer or Knative would choose for the same key. The outbox,
 * not the producer, guarantees delivery: a publish gives up after PUBLISH_DEADLINE_MS and the sweep tries again.
 * The client connects on first use, so a function starts even while Kafka is down.
 */
export function createKafkaPublisher(options: { brokers: readonly string[]; clientId: string; logger: Logger }): EventPublisher {
  const producer = new Producer({
    ...kafkaClientOptions(options),
    maxInflights: 1,
    idempotent: true,
    acks: -1,
    partitioner: compatibilityPartitioner,
    serializers: stringSerializers,
    // As kafkajs did: ask for a missing topic, and let the broker decide (the cluster declares its topics as
    // KafkaTopics; a fresh local broker creates them on first use instead of failing "Unknown topic").
    autocreateTopics: true,
  });
  warnOnBrokerFailures(producer, options.logger);

  return {
    async publish(events) {
      if (events.length === 0) return;
      const send = async (): Promise<void> => {
        await withinDeadline(producer.send({ messages: events.map(toKafkaBinaryMessage) }), PUBLISH_DEADLINE_MS, 'kafka publish');
      };
      if (!telemetryOn()) return send();
      // A producer span in the writer's trace (fast path) or the sweep's, linked to every event's writing span.
      const attributes = { 'messaging.system': 'kafka', 'messaging.operation.type': 'send', 'messaging.batch.message_count': events.length };
      await inSpan('kafka send', attributes, send, { kind: SpanKind.PRODUCER, links: linksOf(events.map((event) => event.extensions)) });
    },
    async close() {
      await producer.close();
    },
  };
}
