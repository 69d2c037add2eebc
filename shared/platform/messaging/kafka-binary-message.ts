import type { MessageToProduce } from '@platformatic/kafka';
import type { OutgoingEvent } from './event-publisher.port.ts';

/** A Kafka message as pilog writes it: key, value and headers as text (the producer's string serializers). */
export type KafkaTextMessage = MessageToProduce<string, string, string, string>;

/**
 * The CloudEvents Kafka protocol binding, binary content mode: attributes travel as `ce_` headers, `data` is the
 * message value as JSON, and the partition key is the message key. Written here rather than taken from the
 * cloudevents SDK, whose Kafka serializer leaves `data` unserialized, duplicates the content type into a
 * `ce_datacontenttype` header the binding does not define, and would add the SDK to every writing function's cold
 * start. The Kafka smoke test decodes our messages with the SDK to prove the two agree.
 */
export function toKafkaBinaryMessage(event: OutgoingEvent): KafkaTextMessage {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    ce_specversion: '1.0',
    ce_id: event.id,
    ce_type: event.type,
    ce_source: event.source,
    ce_time: event.time,
    ce_subject: event.key,
  };
  for (const [name, value] of Object.entries(event.extensions)) headers[`ce_${name}`] = value;
  return { topic: event.topic, key: event.key, value: JSON.stringify(event.data), headers, timestamp: BigInt(Date.parse(event.time)) };
}
