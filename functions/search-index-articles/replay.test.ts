import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from '@opensearch-project/opensearch';
import { HTTP } from 'cloudevents';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeArticleStatus, deleteArticle } from '../../shared/blog/application/change-article-status.ts';
import { createArticle } from '../../shared/blog/application/create-article.ts';
import { saveDraft } from '../../shared/blog/application/save-draft.ts';
import { tagArticle, untagArticle } from '../../shared/blog/application/article-tags.ts';
import { blogWriteDeps, testAdmin } from '../../shared/blog/testing/blog-write-deps.ts';
import { asId, type Id } from '../../shared/kernel/id.ts';
import { openTestDatabase, type TestDatabase } from '../../shared/platform/database/testing/test-databases.ts';
import { createLogger } from '../../shared/platform/logging/logger.ts';
import type { OutgoingEvent } from '../../shared/platform/messaging/event-publisher.port.ts';
import { outgoingEventOf } from '../../shared/platform/outbox/outbox-table.ts';
import { registeredListener } from '../../shared/platform/runtime/register-function.ts';
import type { RunningFunction } from '../../shared/platform/runtime/running-function.ts';
import { cloudEventOf } from '../../tools/dev-host/event-sources.ts';
import { manifest } from './function.ts';
import { loadFunction } from '../function-modules.ts';

/** The function started as its container would, behind a real HTTP server. */
async function serve(env: Readonly<Record<string, string>>) {
  const running: RunningFunction = await (await loadFunction(manifest)).start({ logger: createLogger({ level: 'error' }), env });
  const server: Server = createServer(registeredListener(manifest.name)).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return {
    /** Delivers like a KafkaSource: binary-mode CloudEvent over HTTP POST; answers the status. */
    async deliver(event: OutgoingEvent): Promise<number> {
      const message = HTTP.binary(cloudEventOf(event));
      const response = await fetch(url, { method: 'POST', headers: message.headers as Record<string, string>, body: message.body as string });
      await response.arrayBuffer();
      return response.status;
    },
    async stop() {
      server.close();
      await running.close();
    },
  };
}

/** A seeded generator, so a failing shuffle can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

function shuffle<T>(items: readonly T[], next: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

/** Every event twice, each article's events in a random order, the articles interleaved at random. */
function duplicatedAndShuffled(events: readonly OutgoingEvent[], seed: number): OutgoingEvent[] {
  const next = random(seed);
  const byKey = new Map<string, OutgoingEvent[]>();
  for (const event of [...events, ...events]) byKey.set(event.key, [...(byKey.get(event.key) ?? []), event]);
  const queues = [...byKey.values()].map((queue) => shuffle(queue, next));
  const order: OutgoingEvent[] = [];
  while (queues.some((queue) => queue.length > 0)) {
    const open = queues.filter((queue) => queue.length > 0);
    order.push((open[Math.floor(next() * open.length)] as OutgoingEvent[]).shift() as OutgoingEvent);
  }
  return order;
}

/**
 * Article histories through the real use cases, covering every event type the indexer reads: what the outbox
 * holds afterwards is the stream a KafkaSource would deliver.
 */
async function articleEventStream(): Promise<{ events: OutgoingEvent[]; ids: Record<'live' | 'deleted' | 'hidden' | 'tagged', Id> }> {
  const database = await openTestDatabase('sqlite');
  try {
    const deps = blogWriteDeps(database);
    const run = async (result: Promise<{ ok: boolean; error?: { message: string } }>) => {
      const outcome = await result;
      if (!outcome.ok) throw new Error(outcome.error?.message);
    };
    const article = async (title: string, body: string): Promise<Id> => {
      const created = await createArticle(deps, testAdmin);
      if (!created.ok) throw new Error(created.error.message);
      const articleId = asId(created.value.articleId);
      await run(saveDraft(deps, testAdmin, { articleId, title, body, thumbnailUrl: 'https://example.com/t.png' }));
      return articleId;
    };
    const move = (articleId: Id, asIsStatus: 'DRAFT' | 'PUBLISHED' | 'DELETED', toBeStatus: 'DRAFT' | 'PUBLISHED' | 'DELETED') =>
      run(changeArticleStatus(deps, testAdmin, { articleId, asIsStatus, toBeStatus }));
    const tag = (articleId: Id, tagName: string) => run(tagArticle(deps, testAdmin, { articleId, tagName }));

    const live = await article('Replay walrus', '첫 번째 본문');
    await tag(live, 'alpha');
    await move(live, 'DRAFT', 'PUBLISHED');
    await tag(live, 'beta');
    await run(saveDraft(deps, testAdmin, { articleId: live, title: 'Replay walrus, second edition' }));
    await move(live, 'PUBLISHED', 'PUBLISHED');
    await run(untagArticle(deps, testAdmin, { articleId: live, tagName: 'alpha' }));
    await move(live, 'PUBLISHED', 'DRAFT');
    await move(live, 'DRAFT', 'PUBLISHED');

    const deleted = await article('Replay narwhal', '삭제될 글');
    await move(deleted, 'DRAFT', 'PUBLISHED');
    await run(deleteArticle(deps, testAdmin, deleted));
    await move(deleted, 'DELETED', 'DRAFT');

    const hidden = await article('Replay walrus hidden', '숨겨진 글');
    await move(hidden, 'DRAFT', 'PUBLISHED');
    await move(hidden, 'PUBLISHED', 'DRAFT');
    await tag(hidden, 'gamma');

    const tagged = await article('Replay 라즈베리 클러스터', '쿠버네티스');
    await move(tagged, 'DRAFT', 'PUBLISHED');
    await tag(tagged, 'kotlin');

    await article('Never published walrus', '');
    const rows = await database.db.selectFrom('outbox').selectAll().orderBy('id').execute();
    return { events: rows.map(outgoingEventOf), ids: { live, deleted, hidden, tagged } };
  } finally {
    await database.close();
  }
}

interface IndexUnderTest {
  readonly env: Record<string, string>;
  /** Every entry the index holds (tombstones included), with its version, by article id. */
  dump(): Promise<unknown[]>;
  close(): Promise<void>;
}

const openSearchUrl = process.env.PILOG_TEST_OPENSEARCH_URL ?? 'http://127.0.0.1:9200';

const indexes: Array<[string, () => Promise<IndexUnderTest>]> = [
  [
    'SQLite FTS5 (embedded)',
    async () => {
      const database: TestDatabase = await openTestDatabase('sqlite');
      const db = database.db as Kysely<unknown>;
      return {
        env: database.env,
        dump: async () =>
          (await sql<Record<string, unknown>>`SELECT * FROM search_articles ORDER BY article_id`.execute(db)).rows.map(({ indexed_at: _at, ...row }) => row),
        close: () => database.close(),
      };
    },
  ],
  [
    'OpenSearch (services)',
    async () => {
      const alias = `pilog-test-replay-${randomBytes(4).toString('hex')}`;
      const client = new Client({ node: openSearchUrl });
      return {
        env: { PILOG_PROFILE: 'services', PILOG_OPENSEARCH_URL: openSearchUrl, PILOG_SEARCH_INDEX: alias },
        async dump() {
          await client.indices.refresh({ index: alias });
          const response = await client.search({ index: alias, body: { query: { match_all: {} }, size: 1000, version: true, sort: [{ articleId: 'asc' }] } });
          return (response.body.hits.hits as Array<{ _id: string; _version: number; _source: unknown }>).map((hit) => ({ id: hit._id, version: hit._version, source: hit._source }));
        },
        async close() {
          await client.indices.delete({ index: `${alias}-*` });
          await client.close();
        },
      };
    },
  ],
];

describe.each(indexes)('replaying the article stream into %s', (_name, open) => {
  let stream: Awaited<ReturnType<typeof articleEventStream>>;
  beforeAll(async () => {
    stream = await articleEventStream();
  });

  const indexWith = async (events: readonly OutgoingEvent[]) => {
    const index = await open();
    const fn = await serve(index.env);
    try {
      const statuses = [];
      for (const event of events) statuses.push(await fn.deliver(event));
      expect(new Set(statuses)).toEqual(new Set([200]));
      return await index.dump();
    } finally {
      await fn.stop();
      await index.close();
    }
  };

  it('leaves an identical index when the whole stream arrives twice, shuffled within each article', async () => {
    const inOrder = await indexWith(stream.events);
    expect(inOrder).toHaveLength(4);
    const text = JSON.stringify(inOrder);
    expect(text).toContain('Replay walrus, second edition');
    expect(text).not.toContain('Replay narwhal');
    expect(text).not.toContain('Never published');
    expect(text).toContain('kotlin');
    for (const seed of [1, 2]) {
      const order = duplicatedAndShuffled(stream.events, seed);
      expect(order.map((event) => event.id)).not.toEqual([...stream.events, ...stream.events].map((event) => event.id));
      expect(await indexWith(order), `shuffle seed ${seed}`).toEqual(inOrder);
    }
  });
});

describe('search-index-articles delivery answers', () => {
  let database: TestDatabase;
  let fn: Awaited<ReturnType<typeof serve>>;
  let event: OutgoingEvent;
  beforeAll(async () => {
    const stream = await articleEventStream();
    event = stream.events.find((candidate) => candidate.type === 'pilog.blog.article.published.v1') as OutgoingEvent;
  });
  afterAll(async () => {
    await fn?.stop();
    await database?.close();
  });

  it('rejects an event that fails its schema or has no version, and answers done for one it does not index', async () => {
    database = await openTestDatabase('sqlite');
    fn = await serve(database.env);
    expect(await fn.deliver({ ...event, data: { ...(event.data as object), title: 42 } })).toBe(400);
    expect(await fn.deliver({ ...event, extensions: {} })).toBe(400);
    expect(await fn.deliver({ ...event, type: 'pilog.blog.article.draft-saved.v1', data: { articleId: 1 } })).toBe(200);
    expect(await fn.deliver(event)).toBe(200);
  });

  it('answers retry while OpenSearch is unreachable', async () => {
    await fn.stop();
    fn = await serve({ PILOG_PROFILE: 'services', PILOG_OPENSEARCH_URL: 'http://127.0.0.1:9', PILOG_SEARCH_INDEX: 'pilog-test-down' });
    expect(await fn.deliver(event)).toBe(503);
  });
});
