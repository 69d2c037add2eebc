import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from './database.ts';
import { openSqliteDatabase } from './database.sqlite.ts';
import { asKyselySqliteDatabase } from './node-sqlite-dialect.ts';

interface NoteTable {
  id: number;
  body: string;
  pinned: boolean | number;
}

describe('the node:sqlite dialect', () => {
  let dir: string;
  let file: string;
  let handle: DatabaseHandle;
  const notes = () => handle.db.withTables<{ note: NoteTable }>();

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pilog-sqlite-'));
    file = join(dir, 'test.sqlite');
    handle = openSqliteDatabase(file);
    await sql`create table note (id integer primary key, body text not null, pinned integer not null)`.execute(handle.db);
  });

  afterEach(async () => {
    await handle.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('opens the file in WAL mode with foreign keys enforced', async () => {
    const { rows: journal } = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(handle.db);
    const { rows: keys } = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(handle.db);
    expect(journal[0]?.journal_mode).toBe('wal');
    expect(keys[0]?.foreign_keys).toBe(1);
  });

  it('counts the rows a write changed and returns rows of a select and of insert … returning', async () => {
    const inserted = await notes().insertInto('note').values([{ id: 1, body: 'a', pinned: 0 }, { id: 2, body: 'b', pinned: 0 }]).executeTakeFirst();
    expect(inserted.numInsertedOrUpdatedRows).toBe(2n);
    expect(inserted.insertId).toBe(2n);
    const returned = await notes().insertInto('note').values({ id: 3, body: 'c', pinned: 0 }).returning(['id', 'body']).execute();
    expect(returned).toEqual([{ id: 3, body: 'c' }]);
    const updated = await notes().updateTable('note').set({ body: 'x' }).where('id', '<', 3).executeTakeFirst();
    expect(updated.numUpdatedRows).toBe(2n);
    expect(await notes().selectFrom('note').select('body').orderBy('id').execute()).toEqual([{ body: 'x' }, { body: 'x' }, { body: 'c' }]);
  });

  it('streams the rows of a select', async () => {
    await notes().insertInto('note').values([1, 2, 3].map((id) => ({ id, body: `n${id}`, pinned: 0 }))).execute();
    const seen: number[] = [];
    for await (const row of notes().selectFrom('note').select('id').orderBy('id').stream()) seen.push(row.id);
    expect(seen).toEqual([1, 2, 3]);
  });

  it('runs a kept statement again with new parameters, sees schema changes, and streams on a statement of its own', async () => {
    await notes().insertInto('note').values([1, 2, 3].map((id) => ({ id, body: `n${id}`, pinned: 0 }))).execute();
    const bodiesBelow = (id: number) => notes().selectFrom('note').select('body').where('id', '<', id).orderBy('id').execute();
    expect(await bodiesBelow(2)).toEqual([{ body: 'n1' }]);
    expect(await bodiesBelow(4)).toEqual([{ body: 'n1' }, { body: 'n2' }, { body: 'n3' }]);

    const raw = new DatabaseSync(join(dir, 'raw.sqlite'));
    const database = asKyselySqliteDatabase(raw);
    try {
      database.prepare('create table t (id integer primary key)').run([]);
      database.prepare('insert into t (id) values (?), (?), (?)').run([1, 2, 3]);
      const everything = 'select * from t order by id';
      const streamed = database.prepare(everything).iterate([]);
      expect(streamed.next().value).toEqual({ id: 1 });
      // The same SQL run to completion while the stream is open leaves the stream where it was.
      expect(database.prepare(everything).all([])).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
      expect([...streamed]).toEqual([{ id: 2 }, { id: 3 }]);
      database.prepare('alter table t add column label text').run([]);
      expect(database.prepare(everything).all([])[0]).toEqual({ id: 1, label: null });
    } finally {
      database.close();
    }
  });

  it('stores booleans as 1 and 0, as MySQL does', async () => {
    await notes().insertInto('note').values([{ id: 1, body: 'yes', pinned: true }, { id: 2, body: 'no', pinned: false }]).execute();
    expect(await notes().selectFrom('note').select('pinned').orderBy('id').execute()).toEqual([{ pinned: 1 }, { pinned: 0 }]);
  });

  it('rolls back a transaction whose callback throws', async () => {
    const failing = handle.db.transaction().execute(async (trx) => {
      await trx.withTables<{ note: NoteTable }>().insertInto('note').values({ id: 1, body: 'lost', pinned: 0 }).execute();
      throw new Error('use case failed');
    });
    await expect(failing).rejects.toThrow('use case failed');
    expect(await notes().selectFrom('note').selectAll().execute()).toEqual([]);
  });

  it('makes a query outside a transaction wait until the transaction has committed', async () => {
    const trx = await handle.db.startTransaction().execute();
    await trx.withTables<{ note: NoteTable }>().insertInto('note').values({ id: 1, body: 'pending', pinned: 0 }).execute();
    let outsideDone = false;
    const outside = notes()
      .selectFrom('note')
      .select('body')
      .execute()
      .finally(() => (outsideDone = true));
    await sleep(50);
    expect(outsideDone).toBe(false);
    await trx.commit().execute();
    expect(await outside).toEqual([{ body: 'pending' }]);
  });

  it('takes the write lock when a transaction begins, so another process waits instead of writing in between', async () => {
    const trx = await handle.db.startTransaction().execute();
    const other = new DatabaseSync(file, { timeout: 100 });
    try {
      expect(() => other.exec('begin immediate')).toThrow(/locked/);
    } finally {
      await trx.rollback().execute();
      other.close();
    }
  });
});
