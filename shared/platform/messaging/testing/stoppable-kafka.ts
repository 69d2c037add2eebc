import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Admin } from '@platformatic/kafka';
import { KAFKA_ARTIFACTS, kafkaLog4jProperties, kafkaServerProperties, newClusterId } from '../../../../tools/services/kafka.local.ts';
import { resolveArtifacts } from '../../../../tools/services/maven-artifacts.ts';
import { freePort } from '../../testing/free-port.ts';

/** A broker a test may really stop and start again, on the same ports and the same storage. */
export interface StoppableKafka {
  readonly brokers: readonly string[];
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Freezes the broker process (SIGSTOP): connections stay open and nothing answers, as on a hung node. */
  pause(): void;
  /** Lets a paused broker run on (SIGCONT). */
  resume(): void;
  /** Stops the broker and deletes its folder. */
  close(): Promise<void>;
}

const READY_TIMEOUT_MS = 120_000;
const STOP_GRACE_MS = 20_000;

const running = (child: ChildProcess): boolean => child.exitCode === null && child.signalCode === null;

async function answers(brokers: readonly string[]): Promise<boolean> {
  const admin = new Admin({ clientId: 'pilog-test', bootstrapBrokers: [...brokers], connectTimeout: 1000, retries: 0 });
  try {
    await admin.listTopics();
    return true;
  } catch {
    return false;
  } finally {
    await admin.close();
  }
}

/**
 * A single-node KRaft Kafka of its own (the jars tools/services caches, a fresh temp folder, free ports), for the
 * outage test: stopping the run's shared broker would break the other test files running meanwhile.
 */
export async function startStoppableKafka(): Promise<StoppableKafka> {
  const lib = await resolveArtifacts('kafka', KAFKA_ARTIFACTS, () => undefined);
  const dir = mkdtempSync(join(tmpdir(), 'pilog-stoppable-kafka-'));
  const [port, controllerPort] = [await freePort(), await freePort()];
  const brokers = [`127.0.0.1:${port}`];
  const logFile = join(dir, 'kafka.log');
  const config = join(dir, 'server.properties');
  const log4j = join(dir, 'log4j.properties');
  writeFileSync(config, kafkaServerProperties(join(dir, 'data'), port, controllerPort));
  writeFileSync(log4j, kafkaLog4jProperties(logFile));
  const java = ['-Xmx384m', `-Dlog4j.configuration=file:${log4j}`, '-cp', join(lib, '*')];
  const formatted = spawnSync('java', [...java, 'kafka.tools.StorageTool', 'format', '-t', newClusterId(), '-c', config], { encoding: 'utf8' });
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
    broker.kill('SIGCONT'); // a paused broker acts on the SIGTERM only once it runs again
    const killer = setTimeout(() => broker?.kill('SIGKILL'), STOP_GRACE_MS);
    await exited;
    clearTimeout(killer);
  }

  await start();
  return {
    brokers,
    start,
    stop,
    pause: () => void broker?.kill('SIGSTOP'),
    resume: () => void broker?.kill('SIGCONT'),
    async close() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
