import { performance } from "node:perf_hooks";
import { dockerAvailable, startKafkaContainer, startMariaDbContainer, startOpenSearchContainer, startRedisContainer } from "./containers.ts";
import { requireTools } from "./java-process.ts";
import { startLocalKafka } from "./kafka.local.ts";
import { startLocalOpenSearch } from "./opensearch.local.ts";
import { claimRegistry, releaseRegistry } from "./pid-registry.ts";
import { say, secondsSince, SetupError } from "./progress.ts";
import { reused, type Service } from "./service.ts";
import { ensureSystemMariaDb, ensureSystemRedis } from "./system-services.ts";

interface ServiceSpec {
  name: string;
  env: string;
  inContainer(): Promise<Service>;
  local(runDir: string): Promise<Service>;
  onJvm: boolean;
}

const SPECS: ServiceSpec[] = [
  { name: "mariadb", env: "PILOG_TEST_MYSQL_URL", inContainer: startMariaDbContainer, local: ensureSystemMariaDb, onJvm: false },
  { name: "redis", env: "PILOG_TEST_REDIS_URL", inContainer: startRedisContainer, local: ensureSystemRedis, onJvm: false },
  { name: "kafka", env: "PILOG_TEST_KAFKA_BROKERS", inContainer: startKafkaContainer, local: startLocalKafka, onJvm: true },
  { name: "opensearch", env: "PILOG_TEST_OPENSEARCH_URL", inContainer: startOpenSearchContainer, local: startLocalOpenSearch, onJvm: true },
];

/** "true" when OpenSearch has the nori (Korean) analyzer, so tests can pick their analyzer. */
const NORI_ENV = "PILOG_TEST_OPENSEARCH_NORI";

export interface Provisioned {
  env: Record<string, string>;
  stop(): Promise<void>;
}

async function hasNori(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/_nodes/plugins?filter_path=nodes.*.plugins.name,nodes.*.modules.name`);
    return /nori/i.test(await response.text());
  } catch (error) {
    say(`opensearch: could not list plugins at ${url} (${(error as Error).message}); assuming no nori`);
    return false;
  }
}

async function stopAll(services: Array<[ServiceSpec, Service]>, keepLogs: boolean): Promise<string[]> {
  const stopped = services.filter(([, service]) => service.started).map(([spec, service]) => `${spec.name} (${service.started})`);
  await Promise.all(services.map(([, service]) => service.stop()));
  releaseRegistry({ keepLogs });
  return stopped;
}

/**
 * Provides every service, each from the first source that works: its env variable if already set,
 * else a container if a Docker engine answers, else a local process. All start in parallel; if one
 * fails, the others are stopped again before the error is thrown, since no teardown will follow.
 */
export async function provisionServices(): Promise<Provisioned> {
  const startedAt = performance.now();
  const missing = SPECS.filter((spec) => !process.env[spec.env]);
  for (const spec of SPECS) if (process.env[spec.env]) say(`${spec.name}: using ${spec.env}=${process.env[spec.env]}`);
  const docker = missing.length > 0 && (await dockerAvailable());
  let runDir = "";
  if (missing.length > 0) say(docker ? "docker engine found: starting containers" : "no docker engine: starting local services");
  if (missing.length > 0 && !docker) {
    if (missing.some((spec) => spec.onJvm)) requireTools("java");
    runDir = await claimRegistry();
  }

  const settled = await Promise.allSettled(
    SPECS.map((spec) => {
      const preset = process.env[spec.env];
      if (preset) return Promise.resolve(reused(preset));
      return docker ? spec.inContainer() : spec.local(runDir);
    }),
  );
  const services = SPECS.flatMap((spec, i) => {
    const outcome = settled[i];
    return outcome?.status === "fulfilled" ? [[spec, outcome.value] as [ServiceSpec, Service]] : [];
  });
  const failures = settled.flatMap((outcome) => (outcome.status === "rejected" ? [outcome.reason as Error] : []));
  if (failures.length > 0) {
    await stopAll(services, true);
    const messages = [...new Set(failures.map((failure) => failure.message))];
    throw failures.length === 1 ? failures[0] : new SetupError(messages.join("\n\n"));
  }

  const env: Record<string, string> = Object.fromEntries(services.map(([spec, service]) => [spec.env, service.value]));
  const openSearchUrl = env.PILOG_TEST_OPENSEARCH_URL ?? "";
  env[NORI_ENV] = process.env[NORI_ENV] ?? String(await hasNori(openSearchUrl));
  say(`ready in ${secondsSince(startedAt)} (nori ${env[NORI_ENV] === "true" ? "available" : "not available"})`);
  return {
    env,
    async stop() {
      const stoppingAt = performance.now();
      const stopped = await stopAll(services, false);
      if (stopped.length > 0) say(`stopped ${stopped.join(", ")} in ${secondsSince(stoppingAt)}`);
    },
  };
}
