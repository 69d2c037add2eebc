import { createLogger } from '../shared/platform/logging/logger.ts';
import { openEventPublisher } from '../shared/platform/messaging/open-event-publisher.ts';

/**
 * Child of bench/first-publish.ts: what a writing function pays for its first event in the services profile —
 * loading the Kafka client, connecting and one acknowledged publish — in a fresh process. Prints one JSON line.
 */
const [brokers = '', topic = ''] = process.argv.slice(2);
const logger = createLogger({ level: 'error' });
const startedPublish = performance.now();
const publisher = await openEventPublisher({ profile: 'services', kafkaBrokers: brokers }, { clientId: 'pilog-bench', logger });
await publisher.publish([
  {
    id: String(Date.now()),
    type: 'pilog.bench.probe.recorded.v1',
    source: '/pilog/bench',
    topic,
    key: 'probe-1',
    time: new Date().toISOString(),
    data: { note: 'first publish' },
    extensions: {},
  },
]);
const firstPublishMs = performance.now();
const rssMiB = process.memoryUsage.rss() / 2 ** 20;
await publisher.close();
console.log(JSON.stringify({ sinceSpawnMs: firstPublishMs, publishMs: firstPublishMs - startedPublish, rssMiB }));
