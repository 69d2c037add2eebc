import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type KafkaMessage } from 'kafkajs';

/** The broker tools/services provisioned for this test run. */
export function testKafkaBrokers(): string[] {
  const brokers = process.env.PILOG_TEST_KAFKA_BROKERS;
  if (!brokers) throw new Error('PILOG_TEST_KAFKA_BROKERS is not set: run the tests through vitest.config.ts, whose global setup provisions Kafka');
  return brokers.split(',');
}

const client = (brokers: readonly string[]) => new Kafka({ clientId: 'pilog-test', brokers: [...brokers], logLevel: logLevel.NOTHING });

export async function createTopic(brokers: readonly string[], topic: string, partitions = 3): Promise<void> {
  const admin = client(brokers).admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: [{ topic, numPartitions: partitions }], waitForLeaders: true });
  } finally {
    await admin.disconnect();
  }
}

export type ConsumedMessage = KafkaMessage & { readonly partition: number };

/** Reads `topic` from the beginning, in a group of its own, until `enough` says so or the time runs out. */
export async function consumeUntil(
  brokers: readonly string[],
  topic: string,
  enough: (messages: readonly ConsumedMessage[]) => boolean,
  timeoutMs = 30_000,
): Promise<ConsumedMessage[]> {
  const consumer = client(brokers).consumer({ groupId: `pilog-test-${randomUUID()}` });
  const messages: ConsumedMessage[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      void consumer.run({
        eachMessage: async ({ partition, message }) => {
          messages.push({ ...message, partition });
          if (enough(messages)) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
  return messages;
}

export const headerText = (message: KafkaMessage, name: string): string | undefined => message.headers?.[name]?.toString();
