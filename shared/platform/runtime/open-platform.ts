import type { Redis } from 'ioredis';
import { systemClock, type Clock } from '../../kernel/clock.ts';
import type { IdGenerator } from '../../kernel/snowflake.ts';
import type { Cache } from '../cache/cache.port.ts';
import { openCache } from '../cache/open-cache.ts';
import { requireSetting } from '../config/platform-settings.ts';
import { openDatabase, type DatabaseHandle } from '../database/database.ts';
import { openProcessIds } from '../ids/process-ids.ts';
import type { Logger } from '../logging/logger.ts';
import type { EventPublisher } from '../messaging/event-publisher.port.ts';
import type { openEventPublisher } from '../messaging/open-event-publisher.ts';
import { createOutboxRelay, type OutboxRelay } from '../outbox/relay-outbox.ts';
import { createMemoryRateLimiterFactory } from '../rate-limit/rate-limiter.memory.ts';
import type { RateLimiterFactory } from '../rate-limit/rate-limiter.port.ts';
import { openRedis } from '../redis/redis-client.ts';

/** The keys the platform's parts read; a function's settings carry those of the parts it opens. */
export interface PlatformSettings {
  readonly profile: 'embedded' | 'services';
  readonly dataDir: string;
  readonly mysqlUrl?: string;
  readonly redisUrl?: string;
  readonly redisCommandTimeoutMs?: number;
  readonly kafkaBrokers?: string;
}

export interface PlatformContext {
  /** The function's name: the publisher's client id in the broker's logs and quotas. */
  readonly name: string;
  readonly logger: Logger;
  /**
   * How events leave, for the functions that publish (`openEventPublisher`). Passed in rather than imported here,
   * so a function that publishes nothing never bundles the Kafka client.
   */
  readonly publisher?: typeof openEventPublisher;
}

/**
 * The parts every function shares, each opened on first ask and once per platform: "Redis in services, memory in
 * embedded" is decided here, and nowhere else. A context's `open<Context>(platform)` takes the parts it needs.
 */
export interface Platform {
  readonly profile: PlatformSettings['profile'];
  readonly clock: Clock;
  readonly logger: Logger;
  /** SQLite (embedded) or MySQL, whose pool and driver load on the first query. */
  database(): Promise<DatabaseHandle>;
  /** The process's ids: a fixed worker id embedded, a worker id leased in Redis with services. */
  ids(): Promise<IdGenerator>;
  /** The in-process bus or Kafka; only for a platform opened with `publisher`. */
  publisher(): Promise<EventPublisher>;
  /** The outbox's fast path: publishes what a write committed. */
  relay(): Promise<OutboxRelay>;
  /** One context's cache (`namespace`): the process LRU or Redis. */
  cache(namespace: string): Promise<Cache>;
  /** The process's Redis connection (services profile only), for a context's own Redis adapters. */
  redis(): Promise<Redis>;
  /** Rate counters: in memory (one process) or in Redis (shared by every instance). */
  rateLimiters(): Promise<RateLimiterFactory>;
  /** Registers a context's own closing (a search client, a reply bus): it runs before the platform's parts close. */
  onClose(close: () => Promise<void>): void;
  /** Closes what was opened, in one order: the contexts' own, relay drain, ids, publisher, caches and Redis, database. */
  close(): Promise<void>;
}

/** Opens a part on first ask; `closeWith` closes it if it opened. */
function lazily<T>(open: () => Promise<T>) {
  let opened: Promise<T> | undefined;
  return {
    get: () => (opened ??= open()),
    async closeWith(close: (value: T) => Promise<void>): Promise<void> {
      // A part that failed to open holds nothing to close.
      const value = await opened?.then((part) => ({ part }), () => undefined);
      if (value) await close(value.part);
    },
  };
}

export function openPlatform(settings: PlatformSettings, context: PlatformContext): Platform {
  const { logger } = context;
  const clock = systemClock;
  const redisSettings = { redisUrl: settings.redisUrl ?? '', redisCommandTimeoutMs: settings.redisCommandTimeoutMs };
  const redisConnection = () => ({ url: requireSetting(redisSettings.redisUrl, 'PILOG_REDIS_URL', 'in the services profile'), commandTimeoutMs: redisSettings.redisCommandTimeoutMs });
  const database = lazily(() => openDatabase({ profile: settings.profile, dataDir: settings.dataDir, mysqlUrl: settings.mysqlUrl ?? '' }));
  const ids = lazily(() => openProcessIds({ profile: settings.profile, ...redisSettings }, logger));
  const publisher = lazily(async () => {
    if (!context.publisher) throw new Error(`${context.name} publishes no events: open its platform with a publisher`);
    return context.publisher({ profile: settings.profile, kafkaBrokers: settings.kafkaBrokers ?? '' }, { clientId: context.name, logger });
  });
  const relay = lazily(async () => createOutboxRelay({ db: (await database.get()).db, publisher: await publisher.get(), clock, logger }));
  const redisClient = lazily(() => openRedis(redisConnection(), logger));
  const caches = new Map<string, ReturnType<typeof lazily<Awaited<ReturnType<typeof openCache>>>>>();
  const cacheOf = (namespace: string) => {
    let cache = caches.get(namespace);
    if (!cache) caches.set(namespace, (cache = lazily(() => openCache({ profile: settings.profile, ...redisSettings }, namespace, logger))));
    return cache;
  };
  const rateLimiters = lazily(async (): Promise<RateLimiterFactory> => {
    if (settings.profile === 'embedded') return createMemoryRateLimiterFactory(clock);
    const [{ client }, { createRedisRateLimiterFactory }] = await Promise.all([redisClient.get(), import('../rate-limit/rate-limiter.redis.ts')]);
    return createRedisRateLimiterFactory(client);
  });
  const contextClosers: Array<() => Promise<void>> = [];

  return {
    profile: settings.profile,
    clock,
    logger,
    database: database.get,
    ids: async () => (await ids.get()).ids,
    publisher: publisher.get,
    relay: relay.get,
    cache: async (namespace) => (await cacheOf(namespace).get()).cache,
    redis: async () => {
      if (settings.profile === 'embedded') throw new Error('Redis is a services-profile part; embedded uses memory');
      return (await redisClient.get()).client;
    },
    rateLimiters: rateLimiters.get,
    onClose: (close) => contextClosers.push(close),
    async close() {
      for (const close of contextClosers.reverse()) await close();
      await relay.closeWith((opened) => opened.drain());
      await ids.closeWith((opened) => opened.release());
      await publisher.closeWith((opened) => opened.close());
      for (const cache of caches.values()) await cache.closeWith((opened) => opened.close());
      await redisClient.closeWith((opened) => opened.release());
      await database.closeWith((opened) => opened.close());
    },
  };
}
