import { randomUUID } from "node:crypto";
import { Client } from "@opensearch-project/opensearch";
import { Redis } from "ioredis";
import { Consumer, MessagesStreamModes, Producer, stringDeserializers, stringSerializers } from "@platformatic/kafka";
import { ensureTopic } from "../../shared/platform/messaging/kafka-topics.ts";
import mysql from "mysql2/promise";
import { describe, expect, test } from "vitest";

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run with tools/services/global-setup.ts as globalSetup`);
  return value;
}

describe("provisioned services", () => {
  test("mariadb answers a query in the test database", async () => {
    const connection = await mysql.createConnection(env("PILOG_TEST_MYSQL_URL"));
    try {
      const [rows] = await connection.query("SELECT 1 AS one, DATABASE() AS db");
      expect(rows).toEqual([{ one: 1, db: "pilog_test" }]);
    } finally {
      await connection.end();
    }
  });

  test("redis stores and returns a value", async () => {
    const redis = new Redis(env("PILOG_TEST_REDIS_URL"));
    try {
      const key = `smoke:${randomUUID()}`;
      await redis.set(key, "hello", "EX", 60);
      expect(await redis.get(key)).toBe("hello");
    } finally {
      redis.disconnect();
    }
  });

  test("kafka delivers a produced message to a consumer", async () => {
    const bootstrapBrokers = env("PILOG_TEST_KAFKA_BROKERS").split(",");
    const topic = `smoke-${randomUUID()}`;
    await ensureTopic(bootstrapBrokers, topic, 1);

    const consumer = new Consumer({ clientId: "smoke", groupId: `smoke-${randomUUID()}`, bootstrapBrokers, deserializers: stringDeserializers });
    const producer = new Producer({ clientId: "smoke", bootstrapBrokers, serializers: stringSerializers });
    try {
      const stream = await consumer.consume({ topics: [topic], mode: MessagesStreamModes.EARLIEST });
      const received = new Promise<string>((resolve) => stream.once("data", (message) => resolve(message.value)));
      await producer.send({ messages: [{ topic, key: "k", value: "안녕 kafka" }] });
      expect(await received).toBe("안녕 kafka");
    } finally {
      await producer.close();
      await consumer.close(true);
    }
  });

  test("opensearch indexes a document and finds it", async () => {
    const client = new Client({ node: env("PILOG_TEST_OPENSEARCH_URL") });
    const index = `smoke-${randomUUID()}`;
    try {
      await client.indices.create({ index, body: { mappings: { properties: { body: { type: "text", analyzer: "cjk" } } } } });
      await client.index({ index, id: "1", body: { body: "한국어 블로그 검색" }, refresh: true });
      const result = await client.search({ index, body: { query: { match: { body: "블로그" } } } });
      expect(result.body.hits.hits.map((hit) => hit._id)).toEqual(["1"]);
    } finally {
      await client.indices.delete({ index }, { ignore: [404] });
    }
  });

  test("the nori flag tells whether the Korean analyzer exists", async () => {
    const client = new Client({ node: env("PILOG_TEST_OPENSEARCH_URL") });
    const analyze = client.indices.analyze({ body: { analyzer: "nori", text: "한국어" } });
    if (env("PILOG_TEST_OPENSEARCH_NORI") === "true") await expect(analyze).resolves.toBeDefined();
    else await expect(analyze).rejects.toThrow();
  });
});
