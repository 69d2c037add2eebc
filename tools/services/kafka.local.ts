import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { Admin } from "@platformatic/kafka";
import { launchJava, runLogged, waitUntilReady } from "./java-process.ts";
import { requireFreePorts } from "./local-ports.ts";
import { resolveArtifacts } from "./maven-artifacts.ts";
import { stopRegistered } from "./pid-registry.ts";
import { say, secondsSince } from "./progress.ts";
import type { Service } from "./service.ts";

export const KAFKA_VERSION = "3.9.1";
export const KAFKA_ARTIFACTS = [
  `org.apache.kafka:kafka_2.13:${KAFKA_VERSION}`,
  // The broker only depends on slf4j-api; 3.9 ships with reload4j as its backend.
  "org.slf4j:slf4j-reload4j:1.7.36",
];
const PORT = 19092;
const CONTROLLER_PORT = 19093;
const READY_TIMEOUT_MS = 120_000;

/** One combined KRaft node; also used by the outbox-outage test, which runs a broker it may stop. */
export function kafkaServerProperties(dataDir: string, port = PORT, controllerPort = CONTROLLER_PORT): string {
  return `process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:${controllerPort}
listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}
advertised.listeners=PLAINTEXT://127.0.0.1:${port}
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=${dataDir}
auto.create.topics.enable=true
num.partitions=3
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
# One partition instead of 50 makes the first consumer group join take milliseconds, not seconds.
offsets.topic.num.partitions=1
transaction.state.log.num.partitions=1
`;
}

export function kafkaLog4jProperties(logFile: string): string {
  return `log4j.rootLogger=WARN, file
log4j.appender.file=org.apache.log4j.FileAppender
log4j.appender.file.File=${logFile}
log4j.appender.file.layout=org.apache.log4j.PatternLayout
log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka.server.KafkaRaftServer=INFO
`;
}

/** Kafka's cluster ids are 16 random bytes in unpadded base64url; one starting with '-' would read as a CLI flag. */
export function newClusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString("base64url");
    if (!id.startsWith("-")) return id;
  }
}

async function isReady(brokers: string): Promise<boolean> {
  const admin = new Admin({ clientId: "pilog-services", bootstrapBrokers: [brokers], connectTimeout: 1000, retries: 0 });
  try {
    await admin.listTopics();
    // Asking for a group's coordinator creates the offsets topic now, so the first consumer in the
    // tests joins at once instead of retrying (and logging errors) while the broker creates it.
    await admin.describeGroups({ groups: ["pilog-readiness"] });
    return true;
  } finally {
    await admin.close();
  }
}

/** A single KRaft node (broker and controller in one JVM) with fresh storage under runDir. */
export async function startLocalKafka(runDir: string): Promise<Service> {
  const startedAt = performance.now();
  await requireFreePorts("kafka", "PILOG_TEST_KAFKA_BROKERS", PORT, CONTROLLER_PORT);
  const lib = await resolveArtifacts("kafka", KAFKA_ARTIFACTS, () => say("kafka: resolving artifacts from Maven Central…"));
  const dir = join(runDir, "kafka");
  mkdirSync(dir, { recursive: true });
  const logFile = join(dir, "kafka.log");
  const config = join(dir, "server.properties");
  const log4j = join(dir, "log4j.properties");
  writeFileSync(config, kafkaServerProperties(join(dir, "data")));
  writeFileSync(log4j, kafkaLog4jProperties(logFile));
  const classpath = join(lib, "*");
  const jvmArgs = [`-Dlog4j.configuration=file:${log4j}`, "-Djava.awt.headless=true"];
  await runLogged(
    "java",
    [...jvmArgs, "-cp", classpath, "kafka.tools.StorageTool", "format", "-t", newClusterId(), "-c", config],
    logFile,
    "kafka: formatting storage",
  );
  const kafka = launchJava("kafka", {
    classpath,
    mainClass: "kafka.Kafka",
    jvmArgs: ["-Xms512m", "-Xmx512m", ...jvmArgs],
    args: [config],
    logFile,
  });
  const brokers = `127.0.0.1:${PORT}`;
  try {
    await waitUntilReady(kafka, logFile, READY_TIMEOUT_MS, () => isReady(brokers));
  } catch (error) {
    await stopRegistered(kafka.process);
    throw error;
  }
  say(`kafka: started pid ${kafka.process.pid} on ${brokers} in ${secondsSince(startedAt)} (Kafka ${KAFKA_VERSION}, log ${logFile})`);
  return { value: brokers, started: `pid ${kafka.process.pid}`, stop: () => stopRegistered(kafka.process) };
}
