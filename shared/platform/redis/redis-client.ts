import type { Redis } from 'ioredis';

const clients = new Map<string, { client: Redis; users: number }>();

/**
 * One Redis connection per URL per process, shared by whoever opens it (the dev host runs many functions in one
 * process); the connection closes when its last user releases it. ioredis is imported only here, on first use.
 */
export async function openRedis(url: string): Promise<{ client: Redis; release(): Promise<void> }> {
  let entry = clients.get(url);
  if (!entry) {
    const { Redis: RedisClient } = await import('ioredis');
    // Fail fast when Redis is away: a request should get an error in seconds, not hang on a reconnect loop.
    entry = { client: new RedisClient(url, { maxRetriesPerRequest: 2, connectTimeout: 5000, lazyConnect: false }), users: 0 };
    clients.set(url, entry);
  }
  entry.users += 1;
  const opened = entry;
  let released = false;
  return {
    client: opened.client,
    async release() {
      if (released) return;
      released = true;
      opened.users -= 1;
      if (opened.users > 0) return;
      clients.delete(url);
      await opened.client.quit().catch(() => opened.client.disconnect());
    },
  };
}
