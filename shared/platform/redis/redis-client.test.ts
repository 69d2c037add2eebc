import { describe, expect, it } from 'vitest';
import { UnavailableError } from '../../kernel/app-error.ts';
import { createLogger } from '../logging/logger.ts';
import { freePort } from '../testing/free-port.ts';
import { openRedis, unlessRedisFails } from './redis-client.ts';

const sharedRedis = process.env.PILOG_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('the Redis connection', () => {
  it('logs a connection that keeps failing once per interval, without the password of its URL', async () => {
    const lines: string[] = [];
    const nobodyListens = await freePort();
    const { client, release } = await openRedis({ url: `redis://:s3cret@127.0.0.1:${nobodyListens}` }, createLogger({ sink: { write: (line) => lines.push(line) } }));
    await expect(client.get('any')).rejects.toThrow(); // after its reconnect attempts, each one an 'error' event
    await release();
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] as string)).toMatchObject({ level: 'warn', message: 'redis connection failing', error: expect.stringContaining('ECONNREFUSED') });
    expect(lines[0]).not.toContain('s3cret');
  });

  it('sends the commands issued in one tick together, as one pipeline', async () => {
    const { client, release } = await openRedis({ url: sharedRedis }, createLogger({ level: 'error' }));
    try {
      const key = `pilog:test:${process.pid}:pipelined`;
      const replies = Promise.all([client.set(key, 'x', 'EX', 10), client.get(key), client.get(key), client.del(key)]);
      expect(client.autoPipelineQueueSize).toBe(4);
      expect(await replies).toEqual(['OK', 'x', 'x', 1]);
    } finally {
      await release();
    }
  });

  it('makes a store that cannot answer the caller’s 503 and leaves an error Redis answered a bug', async () => {
    const { client, release } = await openRedis({ url: sharedRedis }, createLogger({ level: 'error' }));
    try {
      await expect(unlessRedisFails('the probe store', client.eval("return redis.call('NO-SUCH-COMMAND')", 0))).rejects.toMatchObject({ name: 'ReplyError' });
      client.disconnect();
      const refused = unlessRedisFails('the probe store', client.get('any'));
      await expect(refused).rejects.toBeInstanceOf(UnavailableError);
      await expect(refused).rejects.toThrow('the probe store cannot answer now');
    } finally {
      await release();
    }
  });
});
