import { CloudEvent } from 'cloudevents';
import type { Consumer, KafkaMessage } from 'kafkajs';
import type { OutgoingEvent } from '../../shared/platform/messaging/event-publisher.port.ts';
import type { Logger } from '../../shared/platform/logging/logger.ts';
import type { EventDispatcher } from './event-dispatcher.ts';

/** The CloudEvent a KafkaSource would POST for an outbox event (embedded profile: read from the outbox itself). */
export function cloudEventOf(event: OutgoingEvent): CloudEvent<unknown> {
  return new CloudEvent({
    id: event.id,
    type: event.type,
    source: event.source,
    time: event.time,
    subject: event.key,
    partitionkey: event.key,
    datacontenttype: 'application/json',
    data: event.data,
    ...event.extensions,
  });
}

/** The same, read from a binary-mode Kafka message: `ce_` headers are attributes, the value is the JSON data. */
export function cloudEventOfKafkaMessage(message: KafkaMessage): CloudEvent<unknown> {
  const attributes: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    if (name.startsWith('ce_') && value !== undefined) attributes[name.slice(3)] = String(value);
  }
  return new CloudEvent({
    ...attributes,
    partitionkey: message.key?.toString() ?? attributes.subject,
    datacontenttype: 'application/json',
    data: message.value ? (JSON.parse(message.value.toString('utf8')) as unknown) : null,
  } as ConstructorParameters<typeof CloudEvent>[0]);
}

/**
 * Services profile: a consumer group per function on the real topic, as a KafkaSource is. The offset is committed
 * only after the delivery finished (delivered or dead-lettered), so a crash redelivers instead of losing events.
 */
export async function subscribeKafka(options: {
  brokers: readonly string[];
  functionName: string;
  topic: string;
  dispatcher: EventDispatcher;
  logger: Logger;
}): Promise<() => Promise<void>> {
  const { Kafka, logLevel } = await import('kafkajs');
  const kafka = new Kafka({ clientId: `pilog-dev-host.${options.functionName}`, brokers: [...options.brokers], logLevel: logLevel.NOTHING });
  // Subscribing to a topic that does not exist yet would leave the consumer blind to it until its next metadata
  // refresh (minutes): create it first, as the cluster's KafkaTopic resources do. An existing topic is left as is.
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: options.topic, numPartitions: 3 }], waitForLeaders: true }).finally(() => admin.disconnect());
  const consumer: Consumer = kafka.consumer({ groupId: `pilog-dev-host.${options.functionName}` });
  await consumer.connect();
  await consumer.subscribe({ topic: options.topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      let event: CloudEvent<unknown>;
      try {
        event = cloudEventOfKafkaMessage(message);
      } catch (error) {
        options.logger.warn('skipped a message that is not a CloudEvent', { topic: options.topic, offset: message.offset, error });
        return;
      }
      await options.dispatcher.deliver(event);
    },
  });
  return () => consumer.disconnect();
}
