import type { Kysely, Transaction } from 'kysely';
import type { AppError } from '../../kernel/app-error.ts';
import type { Clock } from '../../kernel/clock.ts';
import type { Result } from '../../kernel/result.ts';
import type { IdGenerator } from '../../kernel/snowflake.ts';
import type { SqlDialect } from '../../platform/database/database.ts';
import type { BlogDatabase } from './blog-tables.ts';
import type { OutgoingEvent } from '../../platform/messaging/event-publisher.port.ts';
import { appendToOutbox } from '../../platform/outbox/append-to-outbox.ts';
import type { OutboxRelay } from '../../platform/outbox/relay-outbox.ts';
import type { ArticleChange, Tag } from '../domain/article.ts';
import { tagKey } from '../domain/tag-name.ts';
import type { ArticleStore, ArticleTransaction } from '../ports/article-store.port.ts';
import { findArticle, rowOf } from './article-rows.sql.ts';
import { inTransaction } from '../../platform/database/traced-transaction.ts';

/** Another writer changed the article between our read and our write (the version check backs up the row lock). */
class ConcurrentChange extends Error {}

/** Carries a failed Result out of the transaction callback, which rolls back only on a throw. */
class Rollback extends Error {
  readonly result: Result<never, AppError>;
  constructor(result: Result<never, AppError>) {
    super('rolled back');
    this.result = result;
  }
}

const ATTEMPTS = 5;

/** Lost races that a fresh attempt resolves: a version moved on, two first uses of one tag name, a MySQL deadlock. */
const isRace = (error: unknown): boolean => {
  if (error instanceof ConcurrentChange) return true;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return code === 'ER_DUP_ENTRY' || code === 'ER_LOCK_DEADLOCK' || (typeof message === 'string' && message.includes('UNIQUE constraint failed: blog_tags'));
};

interface StoreDeps {
  readonly db: Kysely<BlogDatabase>;
  readonly dialect: SqlDialect;
  readonly ids: IdGenerator;
  readonly clock: Clock;
  readonly relay: OutboxRelay;
}

function transactionOf(trx: Transaction<BlogDatabase>, deps: StoreDeps, outgoing: OutgoingEvent[]): ArticleTransaction {
  return {
    // MySQL: lock the row, so concurrent writers of one article wait for each other rather than retry; SQLite's
    // write transactions are serial already (BEGIN IMMEDIATE) and it has no FOR UPDATE.
    find: (articleId) => findArticle(trx, articleId, { forUpdate: deps.dialect === 'mysql' }),

    async findTag(name) {
      const row = await trx.selectFrom('blog_tags').select(['id', 'name']).where('name_key', '=', tagKey(name)).executeTakeFirst();
      return row === undefined ? null : { id: Number(row.id), name: row.name };
    },

    async createTag(name) {
      const tag: Tag = { id: deps.ids.next(), name };
      await trx.insertInto('blog_tags').values({ id: tag.id, name, name_key: tagKey(name), created_at: deps.clock.now() }).execute();
      return tag;
    },

    async save(change: ArticleChange) {
      if (change.events.length === 0) return;
      const now = deps.clock.now();
      const { before, after } = change;
      if (before === null) {
        await trx.insertInto('blog_articles').values(rowOf(after, now)).execute();
      } else {
        // Compare-and-set on the version read: a concurrent writer's commit makes this match nothing.
        const [updated] = await trx.updateTable('blog_articles').set(rowOf(after, now)).where('id', '=', after.id).where('version', '=', before.version).execute();
        if (Number(updated?.numUpdatedRows ?? 0) !== 1) throw new ConcurrentChange(`article ${after.id} changed concurrently`);
      }
      const had = new Set((before?.tags ?? []).map((tag) => tag.id));
      const has = new Set(after.tags.map((tag) => tag.id));
      const removed = [...had].filter((id) => !has.has(id));
      const added = [...has].filter((id) => !had.has(id));
      if (removed.length > 0) await trx.deleteFrom('blog_taggings').where('article_id', '=', after.id).where('tag_id', 'in', removed).execute();
      if (added.length > 0) await trx.insertInto('blog_taggings').values(added.map((tagId) => ({ article_id: after.id, tag_id: tagId, created_at: now }))).execute();
      outgoing.push(...(await appendToOutbox(trx, change.events, { ids: deps.ids, clock: deps.clock })));
    },
  };
}

/** Articles in MySQL or SQLite through one Kysely query set, events through the transactional outbox. */
export function createSqlArticleStore(deps: StoreDeps): ArticleStore {
  return {
    async transact(work) {
      for (let attempt = 1; ; attempt++) {
        const outgoing: OutgoingEvent[] = [];
        try {
          const result = await inTransaction(deps.db, async (trx) => {
            const outcome = await work(transactionOf(trx, deps, outgoing));
            if (!outcome.ok) throw new Rollback(outcome);
            return outcome;
          });
          deps.relay.publishAfterCommit(outgoing);
          return result;
        } catch (error) {
          if (error instanceof Rollback) return error.result;
          if (attempt < ATTEMPTS && isRace(error)) continue;
          throw error;
        }
      }
    },
  };
}
