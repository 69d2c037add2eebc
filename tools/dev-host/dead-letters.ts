import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CloudEvent } from 'cloudevents';
import { deadLetterTopicOf } from '../../shared/events/event-definition.ts';
import type { EventPublisher } from '../../shared/platform/messaging/event-publisher.port.ts';
import type { DeadLetterFailure, DeadLetterSink } from './event-dispatcher.ts';

/** Embedded profile: dead letters are appended to `<data dir>/dead-letters.jsonl`, one event with its reason a line. */
export function fileDeadLetterSink(dataDir: string, functionName: string): DeadLetterSink {
  const file = join(dataDir, 'dead-letters.jsonl');
  return async (event: CloudEvent<unknown>, { reason, extensions }: DeadLetterFailure) => {
    await appendFile(file, `${JSON.stringify({ function: functionName, reason, event: { ...event.toJSON(), ...extensions } })}\n`);
  };
}

/** Services profile: dead letters go to the consuming function's dead-letter topic, as the KafkaSource's sink would. */
export function kafkaDeadLetterSink(publisher: EventPublisher, functionName: string): DeadLetterSink {
  return async (event: CloudEvent<unknown>, { reason, extensions }: DeadLetterFailure) => {
    const key = String(event['partitionkey'] ?? event.subject ?? event.id);
    await publisher.publish([
      {
        id: event.id,
        type: event.type,
        source: event.source,
        topic: deadLetterTopicOf(functionName),
        key,
        time: event.time ?? new Date().toISOString(),
        data: event.data,
        extensions: { ...extensions, deadletterreason: reason.slice(0, 200) },
      },
    ]);
  };
}
