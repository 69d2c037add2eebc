import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../platform/logging/logger.ts';
import { freePort } from '../../platform/testing/free-port.ts';
import type { ReplyBus, UserReply } from '../ports/reply-bus.port.ts';
import { createInProcessReplyBus } from './reply-bus.in-process.ts';
import { createRedisReplyBus } from './reply-bus.redis.ts';

const logger = createLogger({ sink: { write: () => {} } });
const redisUrl = process.env.PILOG_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const clients: Redis[] = [];

/** Two instances of the function: the same bus in-process (one process holds everything), two buses on one Redis. */
const setups: Array<[string, () => [ReplyBus, ReplyBus]]> = [
  ['in-process', () => {
    const bus = createInProcessReplyBus();
    return [bus, bus];
  }],
  ['redis', () => {
    const [a, b] = [new Redis(redisUrl), new Redis(redisUrl)];
    clients.push(a, b);
    return [createRedisReplyBus(a, logger), createRedisReplyBus(b, logger)];
  }],
];

afterAll(async () => {
  await Promise.all(clients.map((client) => client.quit()));
});

const waitFor = async (check: () => boolean): Promise<void> => {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
};

describe.each(setups)('reply bus (%s)', (_name, setup) => {
  // Ids unique per run: the Redis channels are shared by everyone using the server.
  const user = Date.now();
  const reply = (id: number): UserReply => ({ topic: '/topic/memoResponse', body: JSON.stringify({ id }) });

  it("delivers a user's replies to every listener of that user, on any instance, and to no one else", async () => {
    const [here, there] = setup();
    const heard: Record<string, number[]> = { tab1: [], tab2: [], stranger: [] };
    const record = (name: string) => (received: UserReply) => heard[name]?.push((JSON.parse(received.body) as { id: number }).id);
    const stop1 = await here.listen(user, record('tab1'));
    await there.listen(user, record('tab2'));
    await there.listen(user + 1, record('stranger'));
    await here.publish(user, reply(1));
    await waitFor(() => heard.tab1?.length === 1 && heard.tab2?.length === 1);
    await stop1();
    await there.publish(user, reply(2));
    await waitFor(() => heard.tab2?.length === 2);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(heard).toEqual({ tab1: [1], tab2: [1, 2], stranger: [] });
    await here.close();
    await there.close();
  });
});

describe('reply bus (redis) while Redis is away', () => {
  it("logs its subscriber's connection errors (a duplicate connection has no listener of its own), without the URL's password", async () => {
    const lines: string[] = [];
    const publisher = new Redis(`redis://:s3cret@127.0.0.1:${await freePort()}`, { retryStrategy: () => 20 });
    publisher.on('error', () => {}); // the publisher's own errors are openRedis's to log; this test is about the subscriber
    const bus = createRedisReplyBus(publisher, createLogger({ sink: { write: (line) => lines.push(line) } }));
    await waitFor(() => lines.length > 0);
    await bus.close();
    publisher.disconnect();
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] as string)).toMatchObject({ level: 'warn', message: 'redis connection failing', error: expect.stringContaining('ECONNREFUSED') });
    expect(lines[0]).not.toContain('s3cret');
  });
});
