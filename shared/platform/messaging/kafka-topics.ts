import { setTimeout as sleep } from 'node:timers/promises';
import { Admin, findErrorBy } from '@platformatic/kafka';
import { kafkaClientOptions } from './kafka-client.ts';

const LEADERS_TIMEOUT_MS = 30_000;

/**
 * Creates `topic` unless it exists (an existing topic is left as it is) and waits until every partition has a
 * leader, so the first publish or subscription right after finds it ready — as a cluster's KafkaTopic does.
 */
export async function ensureTopic(brokers: readonly string[], topic: string, partitions = 3, clientId = 'pilog-topics'): Promise<void> {
  const admin = new Admin(kafkaClientOptions({ brokers, clientId }));
  try {
    await admin.createTopics({ topics: [topic], partitions }).catch((error: Error) => {
      if (!findErrorBy(error, 'apiId', 'TOPIC_ALREADY_EXISTS')) throw error;
    });
    const deadline = Date.now() + LEADERS_TIMEOUT_MS;
    for (;;) {
      const metadata = await admin.metadata({ topics: [topic], forceUpdate: true }).catch(() => undefined);
      const found = metadata?.topics.get(topic);
      if (found && found.partitions.every((partition) => partition.leader >= 0)) return;
      if (Date.now() > deadline) throw new Error(`topic ${topic} has no leader for every partition after ${LEADERS_TIMEOUT_MS} ms`);
      await sleep(100);
    }
  } finally {
    await admin.close();
  }
}
