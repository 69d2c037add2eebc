import { Redis, type RedisOptions } from 'ioredis';

/**
 * A new ioredis connection, in a module of its own so that the client loads on first use (redis-client.ts imports
 * this lazily) and is still bundled: ioredis is CommonJS whose `module.exports` is the Redis class with the named
 * exports hung on it, which a dynamic `import('ioredis')` loses in the split image bundle, while a static named
 * import keeps (as mysql-pool.ts does for mysql2). Bundled, it loads from one compiled chunk instead of ~60 files.
 */
export const connectRedis = (url: string, options: RedisOptions): Redis => new Redis(url, options);
