import { Partitioners, type TopicMessages } from 'kafkajs';
import type { Logger } from '../logging/logger.ts';
import type { EventPublisher, OutgoingEvent } from './event-publisher.port.ts';
import { createKafkaClient, kafkaTimeouts } from './kafka-client.ts';
import { toKafkaBinaryMessage } from './kafka-binary-message.ts';

/** Messages per topic, in the order given: the caller passes events in outbox id order. */
function byTopic(events: readonly OutgoingEvent[]): TopicMessages[] {
  const topics = new Map<string, TopicMessages>();
  for (const event of events) {
    const entry = topics.get(event.topic) ?? { topic: event.topic, messages: [] };
    entry.messages.push(toKafkaBinaryMessage(event));
    topics.set(event.topic, entry);
  }
  return [...topics.values()];
}

/**
 * Publishes to Kafka with acks from all in-sync replicas. The producer is idempotent so that its own retries
 * cannot duplicate or reorder messages, and keeps one request in flight so per-key order holds across retries.
 * Its retries are capped (kafkajs warns about that once): a request must not hang on a dead broker, and the
 * outbox, not the producer, is what guarantees delivery. It connects on first use and again after a failed
 * connect, so a function starts even while Kafka is down.
 */
export function createKafkaPublisher(options: { brokers: readonly string[]; clientId: string; logger: Logger }): EventPublisher {
  const producer = createKafkaClient(options).producer({
    idempotent: true,
    maxInFlightRequests: 1,
    retry: kafkaTimeouts.retry,
    // Java's partitioner: the same key lands on the same partition as with Debezium or any JVM producer.
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  let connecting: Promise<void> | undefined;
  const connected = (): Promise<void> =>
    (connecting ??= producer.connect().catch((error: unknown) => {
      connecting = undefined;
      throw error;
    }));

  return {
    async publish(events) {
      if (events.length === 0) return;
      await connected();
      await producer.sendBatch({ acks: -1, topicMessages: byTopic(events) });
    },
    async close() {
      await connecting?.catch(() => undefined);
      await producer.disconnect();
    },
  };
}
