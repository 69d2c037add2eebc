import { KafkaContainer } from "@testcontainers/kafka";
import { MySqlContainer } from "@testcontainers/mysql";
import { RedisContainer } from "@testcontainers/redis";
import { GenericContainer, getContainerRuntimeClient, type StartedTestContainer, Wait } from "testcontainers";
import { type Service, TEST_DATABASE } from "./service.ts";

/** Detection normally fails within milliseconds, but a DOCKER_HOST pointing at a dead host could hang. */
const DETECTION_TIMEOUT_MS = 5_000;

export async function dockerAvailable(): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), DETECTION_TIMEOUT_MS);
    timer.unref();
  });
  const detection = getContainerRuntimeClient().then(
    () => true,
    () => false,
  );
  try {
    return await Promise.race([detection, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function service(container: StartedTestContainer, value: string): Service {
  return { value, started: `container ${container.getId().slice(0, 12)}`, stop: async () => void (await container.stop()) };
}

/** MariaDB like the local provider, so results do not depend on which machine ran the suite. */
export async function startMariaDbContainer(): Promise<Service> {
  const container = await new MySqlContainer("mariadb:10.11").withDatabase(TEST_DATABASE).start();
  return service(container, container.getConnectionUri(true));
}

export async function startRedisContainer(): Promise<Service> {
  const container = await new RedisContainer("redis:7.0").start();
  return service(container, container.getConnectionUrl());
}

/** Confluent Platform 7.9 is Apache Kafka 3.9, the version the local provider runs. */
export async function startKafkaContainer(): Promise<Service> {
  const container = await new KafkaContainer("confluentinc/cp-kafka:7.9.1").withKraft().start();
  return service(container, `${container.getHost()}:${container.getMappedPort(9093)}`);
}

export async function startOpenSearchContainer(): Promise<Service> {
  const container = await new GenericContainer("opensearchproject/opensearch:2.19.1")
    .withEnvironment({
      "discovery.type": "single-node",
      DISABLE_SECURITY_PLUGIN: "true",
      DISABLE_INSTALL_DEMO_CONFIG: "true",
      OPENSEARCH_JAVA_OPTS: "-Xms512m -Xmx768m",
    })
    .withExposedPorts(9200)
    .withWaitStrategy(Wait.forHttp("/_cluster/health?wait_for_status=yellow", 9200).forStatusCode(200))
    .withStartupTimeout(180_000)
    .start();
  return service(container, `http://${container.getHost()}:${container.getMappedPort(9200)}`);
}
