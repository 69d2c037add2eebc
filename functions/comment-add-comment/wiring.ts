import type { AddCommentDeps } from '../../shared/comment/application/add-comment.ts';
import type { commentSettings } from '../../shared/comment/adapters/comment-settings.ts';
import { createSqlCommentRepository } from '../../shared/comment/adapters/comment-repository.sql.ts';
import { createArgon2PasswordHasher } from '../../shared/comment/adapters/password-hasher.argon2.ts';
import { createHttpBlogArticles } from '../../shared/comment/adapters/blog-articles.http.ts';
import { createSqlArticleDirectory } from '../../shared/comment/adapters/read-models.sql.ts';
import { systemClock } from '../../shared/kernel/clock.ts';
import type { ConfigOf } from '../../shared/platform/config/load-config.ts';
import { requireSetting } from '../../shared/platform/config/platform-settings.ts';
import { openDatabase } from '../../shared/platform/database/database.ts';
import type { Logger } from '../../shared/platform/logging/logger.ts';
import { openProcessIds } from '../../shared/platform/ids/process-ids.ts';
import { openEventPublisher } from '../../shared/platform/messaging/open-event-publisher.ts';
import { createOutboxRelay } from '../../shared/platform/outbox/relay-outbox.ts';
import { createMemoryRateLimiterFactory } from '../../shared/platform/rate-limit/rate-limiter.memory.ts';
import type { RateLimiterFactory } from '../../shared/platform/rate-limit/rate-limiter.port.ts';
import type { CommentTables } from '../../shared/comment/adapters/comment-tables.ts';

export type CommentConfig = ConfigOf<typeof commentSettings>;

/**
 * The profile's adapters: the SQL database in both profiles, rate counters in Redis with services (shared by every
 * instance, through the process's one Redis connection) and in memory when embedded.
 */
export async function wireComments(config: CommentConfig, logger: Logger): Promise<{ deps: AddCommentDeps; close(): Promise<void> }> {
  const clock = systemClock;
  const processIds = await openProcessIds(config, logger);
  const { ids } = processIds;
  const database = await openDatabase(config);
  const publisher = await openEventPublisher(config, { clientId: 'comment-add-comment', logger });
  let limiters: RateLimiterFactory = createMemoryRateLimiterFactory(clock);
  let releaseRedis = async (): Promise<void> => {};
  if (config.profile === 'services') {
    const [{ openRedis }, { createRedisRateLimiterFactory }] = await Promise.all([
      import('../../shared/platform/redis/redis-client.ts'),
      import('../../shared/platform/rate-limit/rate-limiter.redis.ts'),
    ]);
    const redis = await openRedis(requireSetting(config.redisUrl, 'PILOG_REDIS_URL', 'in the services profile'));
    limiters = createRedisRateLimiterFactory(redis.client);
    releaseRedis = () => redis.release();
  }
  const relay = createOutboxRelay({ db: database.db, publisher, clock, logger });
  const deps: AddCommentDeps = {
    comments: createSqlCommentRepository({ db: database.db.withTables<CommentTables>(), stamps: { ids, clock }, relay }),
    articles: createSqlArticleDirectory(database.db.withTables<CommentTables>()),
    blog: createHttpBlogArticles(config.blogReadUrl),
    passwords: createArgon2PasswordHasher(),
    limits: {
      creationPerClient: limiters('comment-client', config.creationRate),
      creationPerArticle: limiters('comment-article', config.creationRate),
      passwordAttemptsPerClient: limiters('comment-password', config.passwordRate),
    },
    ids,
    clock,
  };
  return {
    deps,
    async close() {
      await releaseRedis();
      await relay.drain();
      await processIds.release();
      await publisher.close();
      await database.close();
    },
  };
}
