import { CloudEvent } from 'cloudevents';
import { KAFKA_RECORD_TYPE } from '../../shared/platform/runtime/cloud-event-intake.ts';
import { cluster } from '../manifests/cluster.ts';

/** A consumed Kafka record, whichever client read it: key, value and headers as text. */
export interface KafkaRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: string | null;
  readonly value: string | null;
  readonly headers: ReadonlyArray<readonly [name: string, value: string]>;
}

/** Without these a record is not a binary-mode CloudEvent (the SDK would make up an id rather than refuse it). */
const REQUIRED_ATTRIBUTES = ['specversion', 'id', 'source', 'type'] as const;

/**
 * What a KafkaSource POSTs for a record. A binary-mode CloudEvent (the required `ce_` headers present) goes as it
 * is, its value untouched, so the function judges it: an unreadable value or a spec version other than 1.0 is
 * refused there (400) and dead-lettered, exactly as in the cluster. Any other record is wrapped as Knative wraps it:
 * type `dev.knative.kafka.event`, id and subject from partition and offset, the value as data, the key in `key`;
 * event functions refuse that type, so such a record ends in the dead letters too instead of being skipped.
 */
export function cloudEventOfKafkaRecord(record: KafkaRecord, functionName: string): CloudEvent<unknown> {
  const attributes: Record<string, string> = {};
  for (const [name, value] of record.headers) if (name.startsWith('ce_')) attributes[name.slice(3)] = value;
  const contentType = record.headers.find(([name]) => name.toLowerCase() === 'content-type')?.[1];
  const data = record.value ?? undefined;
  if (REQUIRED_ATTRIBUTES.some((name) => attributes[name] === undefined)) {
    return new CloudEvent(
      {
        id: `partition:${record.partition}/offset:${record.offset}`,
        type: KAFKA_RECORD_TYPE,
        source: `/apis/v1/namespaces/${cluster.namespace}/kafkasources/${functionName}#${record.topic}`,
        subject: `partition:${record.partition}#${record.offset}`,
        ...(record.key === null ? {} : { key: record.key }),
        ...(contentType === undefined ? {} : { datacontenttype: contentType }),
        data,
      },
      false,
    );
  }
  // Not strict: the attributes are passed on as they came, for the function to refuse what is not a CloudEvent 1.0.
  return new CloudEvent({ ...attributes, partitionkey: record.key ?? attributes.subject, datacontenttype: contentType ?? 'application/json', data }, false);
}
