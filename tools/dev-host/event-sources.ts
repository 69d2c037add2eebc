import { CloudEvent } from 'cloudevents';
import type { OutgoingEvent } from '../../shared/platform/messaging/event-publisher.port.ts';
import type { Logger } from '../../shared/platform/logging/logger.ts';
import type { EventDispatcher } from './event-dispatcher.ts';
import { cloudEventOfKafkaRecord } from './kafka-records.ts';

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

/**
 * Services profile: a consumer group per function on the real topic, as a KafkaSource is. The offset is committed
 * only after the delivery finished (delivered or dead-lettered), so a crash redelivers instead of losing events;
 * a record that is not a CloudEvent is delivered wrapped, and so dead-lettered, never skipped.
 * A new group starts from the earliest offset, so events published before the dev host subscribed are delivered.
 */
export async function subscribeKafka(options: {
  brokers: readonly string[];
  functionName: string;
  topic: string;
  dispatcher: EventDispatcher;
  logger: Logger;
}): Promise<() => Promise<void>> {
  const [{ Consumer, MessagesStreamFallbackModes, MessagesStreamModes, stringDeserializers }, { ensureTopic }] = await Promise.all([
    import('@platformatic/kafka'),
    import('../../shared/platform/messaging/kafka-topics.ts'),
  ]);
  const clientId = `pilog-dev-host.${options.functionName}`;
  // Subscribing to a topic that does not exist yet would leave the consumer blind to it until its next metadata
  // refresh: create it first, as the cluster's KafkaTopic resources do. An existing topic is left as is.
  await ensureTopic(options.brokers, options.topic, 3, clientId);
  const consumer = new Consumer({ clientId, bootstrapBrokers: [...options.brokers], groupId: clientId, deserializers: stringDeserializers });
  const stream = await consumer.consume({
    topics: [options.topic],
    mode: MessagesStreamModes.COMMITTED,
    fallbackMode: MessagesStreamFallbackModes.EARLIEST,
    autocommit: false,
  });
  const consuming = (async () => {
    for await (const message of stream) {
      const record = { topic: message.topic, partition: message.partition, offset: String(message.offset), key: message.key || null, value: message.value ?? null, headers: [...message.headers] };
      await options.dispatcher.deliver(cloudEventOfKafkaRecord(record, options.functionName));
      await message.commit();
    }
  })().catch((error: unknown) => options.logger.error('kafka subscription stopped', { topic: options.topic, error }));
  return async () => {
    await stream.close();
    await consuming;
    await consumer.close(true);
  };
}
