import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../bench/measure-process.ts';
import { createJoseSessionTokens } from '../../auth/adapters/session-tokens.jose.ts';
import { systemClock } from '../../kernel/clock.ts';
import { decodeSnowflake } from '../../kernel/snowflake.ts';
import { openTestDatabase, type TestDatabase } from '../database/testing/test-databases.ts';
import { spawnNode, type SpawnedProcess } from '../runtime/testing/spawn-node.ts';
import type { CommentTables } from '../../comment/adapters/comment-tables.ts';

/**
 * Issue 13: instances of the writing functions, each a process of its own started by its container entry as Knative
 * runs it, against one MariaDB, Redis and Kafka, all creating at once. Every write answers, no id repeats (answers
 * and outbox rows alike), and each instance mints with the one worker id it leased, given back on SIGTERM.
 */
const INSTANCES = ['blog-publish-post', 'blog-publish-post', 'memo-save-memo', 'memo-save-memo', 'comment-add-comment'] as const;
type Writer = (typeof INSTANCES)[number];
const CREATES_PER_INSTANCE = 80;
const CONCURRENT_PER_INSTANCE = 8;
const SECRET = 'ids-across-instances-secret-of-32-bytes!';
const ORIGIN = 'http://localhost:3000';
/** A published article the comment read model already knows, so comments need no blog read function. */
const ARTICLE_ID = 4242;

const containerEntry = (name: Writer): string => fileURLToPath(new URL(`../../../functions/${name}/main.ts`, import.meta.url));
const tokens = createJoseSessionTokens({ key: new TextEncoder().encode(SECRET), accessTtlSeconds: 3600, refreshTtlSeconds: 3600, clock: systemClock });
const cookieFor = async (userId: number, roles: readonly ('USER' | 'ADMIN')[]) => `jiniaslog_access=${(await tokens.mint({ userId, roles, fid: `family-${userId}` })).access}`;

/** The create request of each writer, and the id its answer carries. */
const creates: Record<Writer, { path: string; body: (i: number) => unknown; roles: readonly ('USER' | 'ADMIN')[]; idOf: (answer: Record<string, number>) => number }> = {
  'blog-publish-post': { path: '/api/v1/articles', body: () => ({}), roles: ['ADMIN'], idOf: (answer) => answer.articleId! },
  'memo-save-memo': { path: '/api/v1/memos', body: () => ({}), roles: ['USER'], idOf: (answer) => answer.memoId! },
  'comment-add-comment': {
    path: '/api/v1/comments',
    body: (i) => ({ refId: ARTICLE_ID, refType: 'ARTICLE', userName: null, password: null, content: `comment ${i}` }),
    roles: ['USER'],
    idOf: (answer) => answer.commentId!,
  },
};

interface Instance {
  readonly name: Writer;
  readonly port: number;
  readonly proc: SpawnedProcess;
}

const leasedWorkerIds = (instance: Instance): unknown[] => instance.proc.lines.filter((line) => line.message === 'worker id leased').map((line) => line.workerId);

async function createAll(instance: Instance, userId: number): Promise<Array<{ status: number; id?: number; error?: string }>> {
  const { path, body, roles, idOf } = creates[instance.name];
  const cookie = await cookieFor(userId, roles);
  const outcomes: Array<{ status: number; id?: number; error?: string }> = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < CREATES_PER_INSTANCE) {
      const i = next++;
      const response = await fetch(`http://127.0.0.1:${instance.port}${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Cookie: cookie, Origin: ORIGIN },
        body: JSON.stringify(body(i)),
      });
      const text = await response.text();
      outcomes.push(response.ok ? { status: response.status, id: idOf(JSON.parse(text) as Record<string, number>) } : { status: response.status, error: text });
    }
  };
  await Promise.all(Array.from({ length: CONCURRENT_PER_INSTANCE }, worker));
  return outcomes;
}

describe('ids across instances (services profile, one process per instance)', () => {
  let database: TestDatabase;
  let instances: Instance[] = [];

  beforeAll(async () => {
    database = await openTestDatabase('mysql');
    await database.db.withTables<CommentTables>().insertInto('comment_articles').values({ article_id: ARTICLE_ID, published: 1, version: 1 }).execute();
    const env = {
      ...database.env,
      PILOG_REDIS_URL: process.env.PILOG_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
      PILOG_KAFKA_BROKERS: process.env.PILOG_TEST_KAFKA_BROKERS ?? '127.0.0.1:9092',
      PILOG_JWT_SECRET: SECRET,
      PILOG_COMMENT_RATE: '100000/1m',
    };
    instances = await Promise.all(
      INSTANCES.map(async (name) => {
        const port = await freePort();
        const proc = spawnNode(containerEntry(name), { ...env, PORT: String(port) });
        await proc.waitForLine((line) => line.message === 'function ready', 90_000);
        return { name, port, proc };
      }),
    );
  }, 120_000);

  afterAll(async () => {
    for (const instance of instances) instance.proc.child.kill('SIGKILL');
    await database?.close();
  });

  it('answers every concurrent create with an id no other instance minted, each instance with a worker id of its own', async () => {
    const outcomes = (await Promise.all(instances.map((instance, i) => createAll(instance, 1000 + i)))).flat();
    const errors = outcomes.filter((outcome) => outcome.id === undefined);
    const answered = outcomes.flatMap((outcome) => (outcome.id === undefined ? [] : [outcome.id]));
    const outboxIds = (await database.db.withTables<CommentTables>().selectFrom('outbox').select('id').execute()).map((row) => Number(row.id));
    const minted = [...answered, ...outboxIds];
    const duplicates = minted.length - new Set(minted).size;
    const workerIds = new Set(minted.map((id) => decodeSnowflake(id).workerId));
    console.info(
      `ids across instances: ${instances.length} instances, ${outcomes.length} creates, ${errors.length} errors, ` +
        `${minted.length} ids minted (${answered.length} answered + ${outboxIds.length} outbox rows), ${duplicates} duplicates, ` +
        `worker ids leased ${instances.map((instance) => `${instance.name}=${leasedWorkerIds(instance).join('/')}`).join(', ')}`,
    );
    expect(errors.slice(0, 3)).toEqual([]);
    expect(answered).toHaveLength(INSTANCES.length * CREATES_PER_INSTANCE);
    expect(outboxIds.length, 'every create raises its event through the outbox').toBeGreaterThanOrEqual(answered.length);
    expect(duplicates).toBe(0);
    for (const instance of instances) expect(leasedWorkerIds(instance)).toHaveLength(1);
    expect(new Set(instances.map((instance) => leasedWorkerIds(instance)[0]))).toEqual(workerIds);
    expect(workerIds.size).toBe(INSTANCES.length);
  }, 180_000);

  it('gives each worker id back on SIGTERM', async () => {
    for (const instance of instances) instance.proc.child.kill('SIGTERM');
    for (const instance of instances) {
      expect((await instance.proc.exited()).code, instance.proc.stderr()).toBe(0);
      const released = instance.proc.lines.filter((line) => line.message === 'worker id released').map((line) => line.workerId);
      expect(released).toEqual(leasedWorkerIds(instance));
    }
  }, 30_000);
});
