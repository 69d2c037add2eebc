import { randomUUID } from 'node:crypto';
import { Consumer, MessagesStreamModes, type Message } from '@platformatic/kafka';
import { ensureTopic } from '../kafka-topics.ts';

/** The broker tools/services provisioned for this test run. */
export function testKafkaBrokers(): string[] {
  const brokers = process.env.PILOG_TEST_KAFKA_BROKERS;
  if (!brokers) throw new Error('PILOG_TEST_KAFKA_BROKERS is not set: run the tests through vitest.config.ts, whose global setup provisions Kafka');
  return brokers.split(',');
}

export const createTopic = (brokers: readonly string[], topic: string, partitions = 3): Promise<void> => ensureTopic(brokers, topic, partitions, 'pilog-test');

/** A consumed record as the tests look at it: bytes as the broker holds them, the timestamp in ms as text. */
export interface ConsumedMessage {
  readonly key: Buffer | undefined;
  readonly value: Buffer | undefined;
  readonly headers: Readonly<Record<string, Buffer>>;
  readonly timestamp: string;
  readonly partition: number;
}

const consumed = (message: Message): ConsumedMessage => ({
  key: message.key,
  value: message.value,
  headers: Object.fromEntries([...message.headers].map(([name, value]) => [name.toString(), value])),
  timestamp: String(message.timestamp),
  partition: message.partition,
});

/** Reads `topic` from the beginning, in a group of its own, until `enough` says so or the time runs out. */
export async function consumeUntil(
  brokers: readonly string[],
  topic: string,
  enough: (messages: readonly ConsumedMessage[]) => boolean,
  timeoutMs = 30_000,
): Promise<ConsumedMessage[]> {
  const consumer = new Consumer({ clientId: 'pilog-test', groupId: `pilog-test-${randomUUID()}`, bootstrapBrokers: [...brokers] });
  const messages: ConsumedMessage[] = [];
  try {
    const stream = await consumer.consume({ topics: [topic], mode: MessagesStreamModes.EARLIEST, autocommit: false, maxWaitTime: 200 });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(resolve, timeoutMs);
      const done = (): void => {
        clearTimeout(timer);
        resolve();
      };
      stream.on('data', (message: Message) => {
        messages.push(consumed(message));
        if (enough(messages)) done();
      });
      stream.once('error', reject);
    });
    await stream.close();
  } finally {
    await consumer.close(true);
  }
  return messages;
}

export const headerText = (message: ConsumedMessage, name: string): string | undefined => message.headers[name]?.toString();
