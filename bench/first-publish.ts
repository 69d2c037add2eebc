import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createTopic } from '../shared/platform/messaging/testing/test-kafka.ts';
import { median } from './measure-process.ts';

/**
 * A writing function's first event in the services profile: a fresh process loads the Kafka client, connects and
 * publishes one event, acknowledged by the broker. Reports the medians of the time from process start (and from
 * opening the publisher) to the acknowledgement, and the RSS right after it.
 * Usage: npm run bench:first-publish [-- <runs>]   (brokers from PILOG_KAFKA_BROKERS, default 127.0.0.1:19092)
 */
const runs = Number(process.argv[2] ?? '10');
const brokers = process.env.PILOG_KAFKA_BROKERS || '127.0.0.1:19092';
const topic = 'pilog.bench.first-publish';
const child = fileURLToPath(new URL('./publish-once.ts', import.meta.url));
await createTopic(brokers.split(','), topic, 1);

const samples: Array<{ sinceSpawnMs: number; publishMs: number; rssMiB: number }> = [];
for (let i = 0; i <= runs; i++) {
  const run = spawnSync(process.execPath, [child, brokers, topic], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`publish-once failed: ${run.stderr}`);
  if (run.stderr.trim() !== '') process.stderr.write(`[bench] stderr of run ${i}: ${run.stderr}`);
  if (i > 0) samples.push(JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}')); // run 0 warms the file cache
}
const of = (pick: (sample: (typeof samples)[number]) => number): string => median(samples.map(pick)).toFixed(1);
console.log(`first publish of a fresh process (services profile), median of ${runs} runs, Node ${process.version}`);
console.log('| process start → ack ms | open publisher → ack ms | RSS MiB |');
console.log('|---|---|---|');
console.log(`| ${of((s) => s.sinceSpawnMs)} | ${of((s) => s.publishMs)} | ${of((s) => s.rssMiB)} |`);
