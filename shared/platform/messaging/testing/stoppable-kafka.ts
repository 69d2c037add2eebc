import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Kafka, logLevel } from 'kafkajs';
import { KAFKA_VERSION } from '../../../../tools/services/kafka.local.ts';
import { resolveArtifacts } from '../../../../tools/services/maven-artifacts.ts';

/** A broker a test may really stop and start again, on the same ports and the same storage. */
export interface StoppableKafka {
  readonly brokers: readonly string[];
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops the broker and deletes its folder. */
  close(): Promise<void>;
}

const READY_TIMEOUT_MS = 120_000;
const STOP_GRACE_MS = 20_000;

const running = (child: ChildProcess): boolean => child.exitCode === null && child.signalCode === null;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.once('error', reject);
  });
}

async function answers(brokers: readonly string[]): Promise<boolean> {
  const admin = new Kafka({ brokers: [...brokers], logLevel: logLevel.NOTHING, connectionTimeout: 1000, retry: { retries: 0 } }).admin();
  try {
    await admin.connect();
    await admin.listTopics();
    return true;
  } catch {
    return false;
  } finally {
    await admin.disconnect();
  }
}

/**
 * A single-node KRaft Kafka of its own (the jars tools/services caches, a fresh temp folder, free ports), for the
 * outage test: stopping the run's shared broker would break the other test files running meanwhile.
 */
export async function startStoppableKafka(): Promise<StoppableKafka> {
  const lib = await resolveArtifacts('kafka', [`org.apache.kafka:kafka_2.13:${KAFKA_VERSION}`, 'org.slf4j:slf4j-reload4j:1.7.36'], () => undefined);
  const dir = mkdtempSync(join(tmpdir(), 'pilog-stoppable-kafka-'));
  const [port, controllerPort] = [await freePort(), await freePort()];
  const brokers = [`127.0.0.1:${port}`];
  const logFile = join(dir, 'kafka.log');
  const config = join(dir, 'server.properties');
  writeFileSync(
    config,
    [
      'process.roles=broker,controller',
      'node.id=1',
      `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
      `listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
      `advertised.listeners=PLAINTEXT://127.0.0.1:${port}`,
      'controller.listener.names=CONTROLLER',
      'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
      `log.dirs=${join(dir, 'data')}`,
      'offsets.topic.replication.factor=1',
      'offsets.topic.num.partitions=1',
      'transaction.state.log.replication.factor=1',
      'transaction.state.log.min.isr=1',
      'group.initial.rebalance.delay.ms=0',
    ].join('\n'),
  );
  writeFileSync(join(dir, 'log4j.properties'), `log4j.rootLogger=WARN, file\nlog4j.appender.file=org.apache.log4j.FileAppender\nlog4j.appender.file.File=${logFile}\nlog4j.appender.file.layout=org.apache.log4j.PatternLayout\n`);
  const java = ['-Xmx384m', `-Dlog4j.configuration=file:${join(dir, 'log4j.properties')}`, '-cp', join(lib, '*')];
  // Kafka cluster ids are 16 random bytes in base64url; one starting with '-' would read as a flag.
  let clusterId = randomBytes(16).toString('base64url');
  while (clusterId.startsWith('-')) clusterId = randomBytes(16).toString('base64url');
  const formatted = spawnSync('java', [...java, 'kafka.tools.StorageTool', 'format', '-t', clusterId, '-c', config], { encoding: 'utf8' });
  if (formatted.status !== 0) throw new Error(`kafka storage format failed: ${formatted.stderr || formatted.stdout}`);

  let broker: ChildProcess | undefined;
  let exited: Promise<unknown> = Promise.resolve();

  async function start(): Promise<void> {
    const log = openSync(logFile, 'a');
    const child = spawn('java', [...java, 'kafka.Kafka', config], { stdio: ['ignore', log, log] });
    closeSync(log);
    broker = child;
    exited = new Promise((resolve) => child.once('exit', resolve));
    // A test worker that dies without its afterAll must not leave a JVM behind holding the ports.
    const killOnExit = (): void => void child.kill('SIGKILL');
    process.once('exit', killOnExit);
    child.once('exit', () => process.off('exit', killOnExit));
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (!(await answers(brokers))) {
      if (!running(child) || Date.now() > deadline) {
        throw new Error(`kafka did not become ready; log ${logFile}:\n${readFileSync(logFile, 'utf8').slice(-2000)}`);
      }
      await sleep(250);
    }
  }

  async function stop(): Promise<void> {
    if (!broker || !running(broker)) return;
    broker.kill('SIGTERM');
    const killer = setTimeout(() => broker?.kill('SIGKILL'), STOP_GRACE_MS);
    await exited;
    clearTimeout(killer);
  }

  await start();
  return {
    brokers,
    start,
    stop,
    async close() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
