import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Admin } from '@platformatic/kafka';
import { WebSocket } from 'ws';
import { manifest } from '../functions/realtime-autosave/function.ts';
import { openEditor } from '../functions/realtime-autosave/testing/editor.ts';
import { createJoseSessionTokens } from '../shared/auth/adapters/session-tokens.jose.ts';
import { memoUpdated } from '../shared/events/memo-memo.events.ts';
import { systemClock } from '../shared/kernel/clock.ts';
import { seedMemos } from '../shared/memo/testing/seed-memos.ts';
import { openTestDatabase } from '../shared/platform/database/testing/test-databases.ts';
import { createTopic, testKafkaBrokers } from '../shared/platform/messaging/testing/test-kafka.ts';
import { spawnNode, type SpawnedProcess } from '../shared/platform/runtime/testing/spawn-node.ts';
import { heapLimitMiB } from '../tools/manifests/knative-service.ts';
import { freePort } from './measure-process.ts';

/**
 * Load check of the autosave channel: N editors (100) each autosave their memo once a second for S seconds (60)
 * over SockJS + STOMP with the frontend's own libraries, against realtime-autosave run as Knative runs it (the
 * container entry, a process of its own) on the real services, then a bare `ws` echo server driven the same way
 * in the same run as the baseline. Reports errors, send→reply latency and the server process's memory and CPU.
 * Usage: npx node bench/realtime-load.ts [editors] [seconds] [services|embedded]
 * With services, the run publishes one `memo updated` event per save to the shared Kafka; test helpers read event
 * topics from the beginning, so the topic is truncated afterwards (do not run it beside the test suite).
 */
const editors = Number(process.argv[2] ?? '100');
const seconds = Number(process.argv[3] ?? '60');
const profile = (process.argv[4] ?? 'services') as 'services' | 'embedded';
const ORIGIN = 'http://localhost:3000';
const SECRET = 'realtime-load-secret-0123456789abcdefghijkl';
const FIRST_MEMO = 5_000_000;
const FIRST_USER = 900_000;

interface Peer {
  send(payload: string): void;
  close(): Promise<void>;
}

interface Outcome {
  sent: number;
  replies: number;
  errors: string[];
  latencies: number[];
  rssMiB: { idle: number; connected: number; peak: number; after: number };
  cpuSeconds: number;
}

async function rssMiB(pid: number): Promise<number> {
  return Number(/VmRSS:\s+(\d+)/.exec(await readFile(`/proc/${pid}/status`, 'utf8'))?.[1]) / 1024;
}
async function cpuSeconds(pid: number): Promise<number> {
  const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks of 1/100 s
}
/** What the memo editor sends after each pause in typing: the whole title and content, changed. */
const update = (index: number, n: number): string =>
  JSON.stringify({ type: 'UpdateMemo', id: String(FIRST_MEMO + index), title: `Memo ${index}`, content: `edit ${n} of editor ${index}: ${'lorem ipsum '.repeat(20)}` });
const quantile = (values: readonly number[], q: number): number => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * q))] ?? NaN;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Opens `editors` peers (ten at a time), lets each send once a second from a random offset, times every reply
 * against its send (one in flight per editor: replies come back in order), samples the server's memory throughout.
 */
async function drive(server: SpawnedProcess, open: (index: number, onReply: (error?: string) => void) => Promise<Peer>): Promise<Outcome> {
  const pid = server.child.pid as number;
  const outcome: Outcome = { sent: 0, replies: 0, errors: [], latencies: [], rssMiB: { idle: await rssMiB(pid), connected: 0, peak: 0, after: 0 }, cpuSeconds: 0 };
  const inFlight = Array.from({ length: editors }, () => [] as number[]);
  let measuring = false;
  const peers: Peer[] = [];
  for (let start = 0; start < editors; start += 10) {
    const batch = Array.from({ length: Math.min(10, editors - start) }, (_, k) => start + k);
    peers.push(
      ...(await Promise.all(
        batch.map((index) =>
          open(index, (error) => {
            const sentAt = inFlight[index]?.shift();
            if (!measuring) return;
            if (error) outcome.errors.push(error);
            else if (sentAt === undefined) outcome.errors.push(`editor ${index}: a reply nobody waited for`);
            else {
              outcome.replies += 1;
              outcome.latencies.push(performance.now() - sentAt);
            }
          }),
        ),
      )),
    );
  }
  // One save each first, unmeasured: the first write opens the pools and the Kafka producer.
  peers.forEach((peer, index) => {
    inFlight[index]?.push(performance.now());
    peer.send(update(index, 0));
  });
  for (let waited = 0; waited < 10_000 && inFlight.some((queue) => queue.length > 0); waited += 50) await sleep(50);
  measuring = true;
  outcome.rssMiB.connected = await rssMiB(pid);
  const cpuBefore = await cpuSeconds(pid);
  const sampler = setInterval(() => void rssMiB(pid).then((rss) => (outcome.rssMiB.peak = Math.max(outcome.rssMiB.peak, rss))), 250);
  const stopAt = performance.now() + seconds * 1000;
  await Promise.all(
    peers.map(async (peer, index) => {
      await sleep(Math.random() * 1000);
      for (let n = 1; performance.now() < stopAt; n++) {
        const tick = performance.now();
        inFlight[index]?.push(tick);
        outcome.sent += 1;
        peer.send(update(index, n));
        await sleep(Math.max(0, tick + 1000 - performance.now()));
      }
    }),
  );
  for (let waited = 0; waited < 5000 && inFlight.some((queue) => queue.length > 0); waited += 50) await sleep(50);
  clearInterval(sampler);
  outcome.cpuSeconds = (await cpuSeconds(pid)) - cpuBefore;
  const missing = inFlight.reduce((sum, queue) => sum + queue.length, 0);
  if (missing > 0) outcome.errors.push(`${missing} sends never answered`);
  await Promise.all(peers.map((peer) => peer.close()));
  await sleep(2000);
  outcome.rssMiB.after = await rssMiB(pid);
  return outcome;
}

/** Drops every record of `topic` (the thousands this run published; older ones are test leftovers too). */
async function truncateTopic(topic: string): Promise<void> {
  const admin = new Admin({ clientId: 'pilog-bench-realtime', bootstrapBrokers: testKafkaBrokers() });
  try {
    const partitions = (await admin.metadata({ topics: [topic] })).topics.get(topic)?.partitionsCount ?? 0;
    const latest = -1n; // ListOffsets' timestamp for "the end of the partition"
    const [ends] = await admin.listOffsets({
      topics: [{ name: topic, partitions: Array.from({ length: partitions }, (_, partitionIndex) => ({ partitionIndex, timestamp: latest })) }],
    });
    await admin.deleteRecords({ topics: [{ name: topic, partitions: (ends?.partitions ?? []).map(({ partitionIndex, offset }) => ({ partition: partitionIndex, offset })) }] });
  } finally {
    await admin.close();
  }
}

async function startServer(script: string, env: Record<string, string>): Promise<{ server: SpawnedProcess; base: string }> {
  const port = await freePort();
  const server = spawnNode(script, { ...env, PORT: String(port) });
  servers.push(server);
  await server.waitForLine((line) => line.message === 'function ready', 30_000);
  await sleep(1000); // let start-up garbage settle before the idle sample
  return { server, base: `http://127.0.0.1:${port}` };
}

/** The heap cap the Knative Service gives the container (NODE_OPTIONS from its memory limit). */
const heapCap = `--max-old-space-size=${heapLimitMiB(manifest.resources.memoryLimit)}`;
const database = await openTestDatabase(profile === 'services' ? 'mysql' : 'sqlite');
const results: Array<[string, Outcome]> = [];
const servers: SpawnedProcess[] = [];
try {
  for (let i = 0; i < editors; i++) await seedMemos(database.db, FIRST_USER + i, [{ title: `Memo ${i}`, content: '' }], FIRST_MEMO + i);
  if (profile === 'services') await createTopic(testKafkaBrokers(), memoUpdated.topic);
  const tokens = createJoseSessionTokens({ key: new TextEncoder().encode(SECRET), accessTtlSeconds: 3600, refreshTtlSeconds: 3600, clock: systemClock });
  const cookies = await Promise.all(Array.from({ length: editors }, async (_, i) => `jiniaslog_access=${(await tokens.mint({ userId: FIRST_USER + i, roles: ['USER'], fid: tokens.newFamilyId() })).access}`));

  const entry = fileURLToPath(new URL('../functions/realtime-autosave/main.ts', import.meta.url));
  const services: Record<string, string> = profile === 'services' ? { PILOG_REDIS_URL: process.env.PILOG_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379', PILOG_KAFKA_BROKERS: testKafkaBrokers().join(',') } : {};
  const fn = await startServer(entry, { ...database.env, ...services, PILOG_JWT_SECRET: SECRET, PILOG_CORS_ORIGINS: ORIGIN, NODE_OPTIONS: heapCap });
  process.stderr.write(`[bench] realtime-autosave: ${editors} editors for ${seconds} s…\n`);
  results.push([
    'realtime-autosave (SockJS+STOMP)',
    await drive(fn.server, async (index, onReply) => {
      const editor = await openEditor(fn.base, {
        cookie: cookies[index] as string,
        origin: ORIGIN,
        topics: ['/topic/memoResponse'],
        onReply: (_topic, reply) => onReply(reply.error ? `editor ${index}: ${reply.error.code} ${reply.error.message}` : undefined),
      });
      void editor.closed().then((close) => close.reason !== 'Normal closure' && onReply(`editor ${index}: closed ${close.code} ${close.reason}`));
      return { send: (payload) => editor.send('/memo/updateMemo', payload), close: () => editor.close() };
    }),
  ]);
  fn.server.child.kill('SIGTERM');
  await fn.server.exited();

  const echo = await startServer(fileURLToPath(new URL('./ws-echo-server.ts', import.meta.url)), {});
  process.stderr.write(`[bench] baseline ws echo: ${editors} clients for ${seconds} s…\n`);
  results.push([
    'bare ws echo (baseline)',
    await drive(echo.server, async (_index, onReply) => {
      const ws = new WebSocket(echo.base.replace('http', 'ws'));
      await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
      ws.on('message', () => onReply());
      return { send: (payload) => ws.send(payload), close: async () => ws.close() };
    }),
  ]);
  echo.server.child.kill('SIGTERM');
  await echo.server.exited();
} finally {
  for (const server of servers) if (server.child.exitCode === null) server.child.kill('SIGKILL');
  if (profile === 'services') await truncateTopic(memoUpdated.topic);
  await database.close();
}

const row = (cells: Array<string | number>) => cells.map((cell, i) => String(cell).padStart(i === 0 ? 0 : 9).padEnd(i === 0 ? 34 : 0)).join(' ');
process.stdout.write(`\nrealtime-load: ${editors} editors × 1 update/s × ${seconds} s (${profile} profile; each server its own Node ${process.version} process, the function with ${heapCap})\n`);
process.stdout.write(`${row(['', 'sent', 'replies', 'errors', 'p50 ms', 'p99 ms', 'max ms', 'RSS idle', 'connected', 'peak', 'after', 'CPU s'])}\n`);
for (const [name, o] of results) {
  const f = (value: number) => value.toFixed(1);
  process.stdout.write(
    `${row([name, o.sent, o.replies, o.errors.length, f(quantile(o.latencies, 0.5)), f(quantile(o.latencies, 0.99)), f(Math.max(...o.latencies)), f(o.rssMiB.idle), f(o.rssMiB.connected), f(o.rssMiB.peak), f(o.rssMiB.after), f(o.cpuSeconds)])}\n`,
  );
  for (const error of o.errors.slice(0, 5)) process.stdout.write(`  ! ${error}\n`);
}
