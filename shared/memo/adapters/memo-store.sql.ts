import type { Kysely } from 'kysely';
import type { AppError } from '../../kernel/app-error.ts';
import type { Clock } from '../../kernel/clock.ts';
import type { Result } from '../../kernel/result.ts';
import type { IdGenerator } from '../../kernel/snowflake.ts';
import type { SqlDialect } from '../../platform/database/database.ts';
import type { MemoDatabase } from './memo-tables.ts';
import type { OutgoingEvent } from '../../platform/messaging/event-publisher.port.ts';
import { appendToOutbox } from '../../platform/outbox/append-to-outbox.ts';
import type { OutboxRelay } from '../../platform/outbox/relay-outbox.ts';
import type { MemoStore, WriteAuthor, WriteOutcome } from '../ports/memo-store.port.ts';
import { memoLookups } from './memo-rows.ts';
import { createSqlWriteSession } from './memo-write-session.sql.ts';
import { inTransaction } from '../../platform/database/traced-transaction.ts';

export interface SqlMemoStoreDeps {
  readonly db: Kysely<MemoDatabase>;
  readonly dialect: SqlDialect;
  /** Outbox event ids. */
  readonly ids: IdGenerator;
  readonly clock: Clock;
  readonly relay: OutboxRelay;
}

/** Carries a failed Result out of Kysely's transaction callback, which rolls back on any throw. */
class RolledBack {
  readonly result: Result<never, AppError>;
  constructor(result: Result<never, AppError>) {
    this.result = result;
  }
}

/** InnoDB picks a victim when two first writes of one author race for the same new row; the victim may simply retry. */
const isDeadlock = (error: unknown): boolean => (error as { errno?: number } | null)?.errno === 1213;
const MAX_ATTEMPTS = 3;

/**
 * Memos and folders in MySQL or SQLite through one Kysely query set. Every write starts by upserting the author's
 * row: that records the caller's roles and, being a row write, holds the author's row lock until commit (SQLite
 * serializes all writes anyway), so one author's writes run one at a time and quotas, cycle and link checks hold.
 */
export function createSqlMemoStore(deps: SqlMemoStoreDeps): MemoStore {
  const { db } = deps;

  const lockAuthor = async (trx: Kysely<MemoDatabase>, author: WriteAuthor, now: number): Promise<void> => {
    if (author.roles === undefined) {
      await trx.updateTable('memo_authors').set({ updated_at: now }).where('author_id', '=', author.authorId).execute();
      return;
    }
    const row = { author_id: author.authorId, roles: author.roles.join(','), tree_version: 0, updated_at: now };
    const update = { roles: row.roles, updated_at: now };
    const insert = trx.insertInto('memo_authors').values(row);
    await (deps.dialect === 'mysql' ? insert.onDuplicateKeyUpdate(update) : insert.onConflict((conflict) => conflict.column('author_id').doUpdateSet(update))).execute();
  };

  const treeVersionIn = async (reader: Kysely<MemoDatabase>, authorId: number): Promise<number> => {
    const row = await reader.selectFrom('memo_authors').select('tree_version').where('author_id', '=', authorId).executeTakeFirst();
    return Number(row?.tree_version ?? 0);
  };

  async function attempt<T>(author: WriteAuthor, work: Parameters<MemoStore['write']>[1]): Promise<WriteOutcome<T>> {
    let outgoing: readonly OutgoingEvent[] = [];
    let replacedTreeVersion: number | undefined;
    try {
      const result = await inTransaction(db, async (trx) => {
        await lockAuthor(trx, author, deps.clock.now());
        const written = createSqlWriteSession(trx, author.authorId, deps.clock);
        const result = (await work(written.session)) as Result<T, AppError>;
        if (!result.ok) throw new RolledBack(result);
        if (written.treeChanged()) {
          replacedTreeVersion = await treeVersionIn(trx, author.authorId);
          await trx.updateTable('memo_authors').set((eb) => ({ tree_version: eb('tree_version', '+', 1) })).where('author_id', '=', author.authorId).execute();
        }
        outgoing = await appendToOutbox(trx, written.events, { ids: deps.ids, clock: deps.clock });
        return result;
      });
      deps.relay.publishAfterCommit(outgoing);
      return replacedTreeVersion === undefined ? { result } : { result, replacedTreeVersion };
    } catch (error) {
      if (error instanceof RolledBack) return { result: error.result };
      throw error;
    }
  }

  return {
    ...memoLookups(db),

    async write<T>(author: WriteAuthor, work: Parameters<MemoStore['write']>[1]): Promise<WriteOutcome<T>> {
      for (let attempts = 1; ; attempts++) {
        try {
          return await attempt<T>(author, work);
        } catch (error) {
          if (attempts >= MAX_ATTEMPTS || !isDeadlock(error)) throw error;
        }
      }
    },

    treeVersion: (authorId) => treeVersionIn(db, authorId),

    async treeSnapshot(authorId) {
      // One transaction, so the version and the rows describe the same moment.
      return inTransaction(db, async (trx) => {
        const version = await treeVersionIn(trx, authorId);
        const folders = await trx.selectFrom('memo_folders').select(['id', 'parent_id', 'name', 'sequence']).where('author_id', '=', authorId).execute();
        const memos = await trx.selectFrom('memo_memos').select(['id', 'folder_id', 'title', 'sequence']).where('author_id', '=', authorId).execute();
        const references = await trx
          .selectFrom('memo_references')
          .innerJoin('memo_memos', 'memo_memos.id', 'memo_references.memo_id')
          .select(['memo_references.memo_id', 'memo_references.target_id'])
          .where('memo_memos.author_id', '=', authorId)
          .execute();
        return {
          version,
          snapshot: {
            folders: folders.map((row) => ({ id: Number(row.id), parentId: row.parent_id === null ? null : Number(row.parent_id), name: row.name, sequence: row.sequence })),
            memos: memos.map((row) => ({ id: Number(row.id), folderId: row.folder_id === null ? null : Number(row.folder_id), title: row.title, sequence: row.sequence })),
            references: references.map((row) => ({ memoId: Number(row.memo_id), targetId: Number(row.target_id) })),
          },
        };
      });
    },

    async searchMemos(authorId, needle, options) {
      // instr, not LIKE: a literal match with no wildcard to escape; one author's rows via (author_id, id).
      const rows = await db
        .selectFrom('memo_memos')
        .select(['id', 'title'])
        .$if(options.withContent, (query) => query.select('content'))
        .where('author_id', '=', authorId)
        .where((eb) => eb.or([eb(eb.fn('instr', ['search_title', eb.val(needle)]), '>', 0), eb(eb.fn('instr', ['search_content', eb.val(needle)]), '>', 0)]))
        .$if(options.excludeId !== undefined, (query) => query.where('id', '<>', options.excludeId as number))
        .orderBy('id', 'desc')
        .execute();
      return rows.map((row) => ({ id: Number(row.id), title: row.title, ...(row.content === undefined ? {} : { content: row.content }) }));
    },

    async referencesOf(memoId, authorId) {
      const rows = await db
        .selectFrom('memo_references')
        .innerJoin('memo_memos', 'memo_memos.id', 'memo_references.target_id')
        .select(['memo_memos.id', 'memo_memos.title'])
        .where('memo_references.memo_id', '=', memoId)
        .where('memo_memos.author_id', '=', authorId)
        .orderBy('memo_memos.id', 'desc')
        .execute();
      return rows.map((row) => ({ id: Number(row.id), title: row.title }));
    },

    async backlinksOf(memoId, authorId) {
      const rows = await db
        .selectFrom('memo_references')
        .innerJoin('memo_memos', 'memo_memos.id', 'memo_references.memo_id')
        .select(['memo_memos.id', 'memo_memos.title'])
        .where('memo_references.target_id', '=', memoId)
        .where('memo_memos.author_id', '=', authorId)
        .orderBy('memo_memos.id', 'desc')
        .execute();
      return rows.map((row) => ({ id: Number(row.id), title: row.title }));
    },

    async authors() {
      const rows = await db.selectFrom('memo_authors').select(['author_id', 'roles']).orderBy('author_id').execute();
      return rows.map((row) => ({ authorId: Number(row.author_id), roles: row.roles.split(',').filter((role) => role !== '') }));
    },
  };
}
