import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { appendToOutbox } from '../outbox/append-to-outbox.ts';
import { manualClock, probe, stampsAt } from '../outbox/testing/outbox-fixtures.ts';
import type { DatabaseHandle } from './database.ts';
import { migrateToLatest, migrationStatus } from './migrate.ts';
import { migrations } from '../../../tools/migrations.ts';
import { openEmptyTestDatabase, testDialects } from './testing/test-databases.ts';

/** A context's table, standing in for the rows a use case changes next to its outbox rows. */
interface ArticleTable {
  id: number;
  title: string;
  series_id: number | null;
}

const withArticleTable = [
  ...migrations,
  [
    '9000-contract-create-article',
    async () => ({
      up: async (db: Kysely<unknown>) => {
        await db.schema
          .createTable('article')
          .addColumn('id', 'bigint', (column) => column.primaryKey())
          .addColumn('title', 'varchar(200)', (column) => column.notNull())
          .addColumn('series_id', 'bigint', (column) => column.references('article.id'))
          .execute();
      },
    }),
  ],
] as const;

describe.each(testDialects)('the database on %s', (dialect) => {
  let handle: DatabaseHandle;
  const articles = () => handle.db.withTables<{ article: ArticleTable }>();

  beforeAll(async () => {
    handle = await openEmptyTestDatabase(dialect);
  });
  afterAll(() => handle.close());

  it('applies every migration to an empty database once, and records when', async () => {
    const names = withArticleTable.map(([name]) => name);
    expect((await migrationStatus(handle, withArticleTable)).map((state) => [state.name, state.appliedAt])).toEqual(names.map((name) => [name, undefined]));
    expect(await migrateToLatest(handle, withArticleTable)).toEqual(names);
    expect(await migrateToLatest(handle, withArticleTable)).toEqual([]);
    const status = await migrationStatus(handle, withArticleTable);
    expect(status.every((state) => state.appliedAt instanceof Date)).toBe(true);
  });

  describe('once migrated', () => {
    beforeAll(() => migrateToLatest(handle, withArticleTable));
    beforeEach(async () => {
      await handle.db.deleteFrom('outbox').execute();
      await articles().deleteFrom('article').execute();
    });

    it('commits a use case’s row and its events together', async () => {
      await handle.db.transaction().execute(async (trx) => {
        await trx.withTables<{ article: ArticleTable }>().insertInto('article').values({ id: 1, title: 'hello', series_id: null }).execute();
        await appendToOutbox(trx, [probe('1')], stampsAt(manualClock()));
      });
      expect(await articles().selectFrom('article').select('title').execute()).toEqual([{ title: 'hello' }]);
      expect(await handle.db.selectFrom('outbox').select('aggregateid').execute()).toEqual([{ aggregateid: '1' }]);
    });

    it('rolls back the row and the events of a use case that fails', async () => {
      const failing = handle.db.transaction().execute(async (trx) => {
        await trx.withTables<{ article: ArticleTable }>().insertInto('article').values({ id: 1, title: 'hello', series_id: null }).execute();
        await appendToOutbox(trx, [probe('1')], stampsAt(manualClock()));
        throw new Error('a later step failed');
      });
      await expect(failing).rejects.toThrow('a later step failed');
      expect(await articles().selectFrom('article').selectAll().execute()).toEqual([]);
      expect(await handle.db.selectFrom('outbox').selectAll().execute()).toEqual([]);
    });

    it('never shows a transaction’s uncommitted rows to a query outside it', async () => {
      const trx = await handle.db.startTransaction().execute();
      await trx.withTables<{ article: ArticleTable }>().insertInto('article').values({ id: 1, title: 'draft', series_id: null }).execute();
      let committed = false;
      // SQLite makes the outside query wait for the commit; MySQL answers at once from the last committed state.
      const outside = articles()
        .selectFrom('article')
        .select('title')
        .execute()
        .then((found) => ({ found, afterCommit: committed }));
      await new Promise((resolve) => setTimeout(resolve, 50));
      committed = true;
      await trx.commit().execute();
      const { found, afterCommit } = await outside;
      expect(found).toEqual(afterCommit ? [{ title: 'draft' }] : []);
    });

    it('keeps Korean text and four-byte characters intact', async () => {
      const title = '한글 제목: 라즈베리 파이 클러스터 🥧';
      await articles().insertInto('article').values({ id: 1, title, series_id: null }).execute();
      expect(await articles().selectFrom('article').select('title').execute()).toEqual([{ title }]);
    });

    it('enforces foreign keys', async () => {
      await expect(articles().insertInto('article').values({ id: 2, title: 'orphan', series_id: 999 }).execute()).rejects.toThrow(/foreign key/i);
    });
  });

});

describe('migrating MySQL', () => {
  it('refuses a database whose character set cannot hold Korean text', async () => {
    const latin1 = await openEmptyTestDatabase('mysql');
    try {
      await sql`alter database character set latin1`.execute(latin1.db);
      await expect(migrateToLatest(latin1, migrations)).rejects.toThrow(/uses character set latin1; pilog needs utf8mb4/);
      expect(await sql`show tables`.execute(latin1.db)).toMatchObject({ rows: [] });
    } finally {
      await latin1.close();
    }
  });
});
