import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HTTP, type CloudEvent } from 'cloudevents';
import { createJoseSessionTokens } from '../../../shared/auth/adapters/session-tokens.jose.ts';
import { articleCreated, articleDeleted, articlePublished, articleRestored, articleUnpublished } from '../../../shared/events/blog-article.events.ts';
import { userProfileChanged } from '../../../shared/events/auth-user.events.ts';
import { raise, type RaisedEvent } from '../../../shared/events/event-definition.ts';
import { systemClock } from '../../../shared/kernel/clock.ts';
import { createSnowflake } from '../../../shared/kernel/snowflake.ts';
import { openTestDatabase, type TestDatabase } from '../../../shared/platform/database/testing/test-databases.ts';
import { createCors } from '../../../shared/platform/http/cors.ts';
import { createHttpEdge } from '../../../shared/platform/http/edge.ts';
import { edgeRoutes } from '../../../shared/platform/http/edge-routes.ts';
import { createLogger } from '../../../shared/platform/logging/logger.ts';
import { appendToOutbox } from '../../../shared/platform/outbox/append-to-outbox.ts';
import { registeredListener } from '../../../shared/platform/runtime/register-function.ts';
import type { RunningFunction } from '../../../shared/platform/runtime/running-function.ts';
import { startLoopbackServer } from '../../../shared/platform/runtime/testing/loopback-server.ts';
import { cloudEventOf } from '../../../tools/dev-host/event-sources.ts';
import { manifest as blogReads } from '../../blog-read-articles/function.ts';
import { manifest as trackArticles } from '../../comment-track-articles/function.ts';
import { manifest as trackAuthors } from '../../comment-track-authors/function.ts';
import { manifest as addComment } from '../function.ts';
import { loadFunction } from '../../function-modules.ts';

export const FRONTEND_ORIGIN = 'http://localhost:3000';
const SECRET = 'comment-test-secret-that-is-long-enough!';
const DEFAULT_TIME = '2025-03-20T11:52:56.123Z';

export interface CommentTestServer {
  readonly base: string;
  readonly env: Readonly<Record<string, string>>;
  readonly logLines: string[];
  /** An access cookie for a user with these roles, as the auth function would have set it. */
  cookieFor(userId: number, roles?: readonly ('USER' | 'ADMIN')[]): Promise<string>;
  /** Writes an event to the outbox as its producer would and delivers it like a KafkaSource: status of the delivery. */
  deliver(event: RaisedEvent): Promise<number>;
  /** Delivers any CloudEvent to the consumer of `topic`, as a KafkaSource would: status of the delivery. */
  deliverCloudEvent(topic: string, event: CloudEvent<unknown>): Promise<number>;
  publishArticle(articleId: number, version: number): Promise<number>;
  articleEvent(kind: 'created' | 'unpublished' | 'deleted' | 'restored', articleId: number, version: number): Promise<number>;
  profile(userId: number, nickName: string, picUrl: string | null, version: number): Promise<number>;
  close(): Promise<void>;
}

const listen = async (listener: RequestListener): Promise<{ server: Server; url: string }> => {
  const server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
};

/**
 * The comment functions as production runs them: the HTTP function behind the edge, and the two read-model
 * functions reached over HTTP with binary-mode CloudEvents built from real outbox rows, as a KafkaSource would.
 * The blog's read function answers behind the same edge, on the same (blog-less) database: the comment function
 * asks it about articles its read model does not know (PILOG_BLOG_READ_URL, overridable).
 */
export async function startCommentTestServer(profile: 'embedded' | 'services', extraEnv: Record<string, string> = {}): Promise<CommentTestServer> {
  const database: TestDatabase = await openTestDatabase(profile === 'embedded' ? 'sqlite' : 'mysql');
  const front = await startLoopbackServer();
  const env: Record<string, string> = {
    ...database.env,
    PILOG_BLOG_READ_URL: front.base,
    PILOG_JWT_SECRET: SECRET,
    PILOG_COMMENT_RATE: '1000/1m',
    ...(profile === 'services'
      ? {
          PILOG_REDIS_URL: process.env.PILOG_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
          PILOG_KAFKA_BROKERS: process.env.PILOG_TEST_KAFKA_BROKERS ?? '127.0.0.1:9092',
          PILOG_OPENSEARCH_URL: process.env.PILOG_TEST_OPENSEARCH_URL ?? 'http://127.0.0.1:9200',
        }
      : {}),
    ...extraEnv,
  };
  const logLines: string[] = [];
  const logger = createLogger({ level: 'debug', sink: { write: (line) => void logLines.push(line) } });
  const running: RunningFunction[] = [];
  for (const manifest of [addComment, blogReads, trackArticles, trackAuthors]) running.push(await (await loadFunction(manifest)).start({ logger, env }));

  // One trusted hop, so a test picks its client address with X-Forwarded-For (rate limits count per address).
  front.serve(createHttpEdge({ routes: edgeRoutes([addComment, blogReads]), cors: createCors([FRONTEND_ORIGIN]), trustedProxyHops: 1, dispatch: registeredListener }));
  const sinks = new Map<string, Awaited<ReturnType<typeof listen>>>();
  for (const manifest of [trackArticles, trackAuthors]) sinks.set(manifest.trigger.topic, await listen(registeredListener(manifest.name)));

  const ids = createSnowflake(77, systemClock);
  const tokens = createJoseSessionTokens({ key: new TextEncoder().encode(SECRET), accessTtlSeconds: 3600, refreshTtlSeconds: 3600, clock: systemClock });

  const deliverCloudEvent = async (topic: string, event: CloudEvent<unknown>): Promise<number> => {
    const sink = sinks.get(topic);
    if (!sink) throw new Error(`no consumer of ${topic}`);
    const message = HTTP.binary(event);
    return (await fetch(sink.url, { method: 'POST', headers: message.headers as Record<string, string>, body: message.body as string })).status;
  };
  const deliver = async (event: RaisedEvent): Promise<number> => {
    const [outgoing] = await database.db.transaction().execute((trx) => appendToOutbox(trx, [event], { ids, clock: systemClock }));
    if (!outgoing) throw new Error('nothing appended');
    return deliverCloudEvent(outgoing.topic, cloudEventOf(outgoing));
  };
  const lifecycle = { created: articleCreated, unpublished: articleUnpublished, deleted: articleDeleted, restored: articleRestored } as const;

  return {
    base: front.base,
    env,
    logLines,
    cookieFor: async (userId, roles = ['USER']) => `jiniaslog_access=${(await tokens.mint({ userId, roles, fid: `family-${userId}` })).access}`,
    deliver,
    deliverCloudEvent,
    publishArticle: (articleId, version) =>
      deliver(
        raise(
          articlePublished,
          { articleId, title: `Article ${articleId}`, body: 'body', thumbnailUrl: 'https://github.com/x.png', tags: [], createdAt: DEFAULT_TIME, publishedAt: DEFAULT_TIME, lastPublishedAt: DEFAULT_TIME },
          version,
        ),
      ),
    articleEvent: (kind, articleId, version) =>
      deliver(kind === 'created' ? raise(articleCreated, { articleId, createdAt: DEFAULT_TIME }, version) : raise(lifecycle[kind], { articleId }, version)),
    profile: (userId, nickName, picUrl, version) => deliver(raise(userProfileChanged, { userId, nickName, picUrl, roles: ['USER'] }, version)),
    async close() {
      await front.close();
      for (const { server } of sinks.values()) {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
      await Promise.all(running.map((fn) => fn.close()));
      await database.close();
    },
  };
}
