import { TableTally } from './import-report.ts';
import { idOf, type ImportContext } from './import-context.ts';
import { accept, chunks, reject, type TableImport } from './table-import.ts';

interface SourceReference {
  Memo_id: unknown;
  root_id: unknown;
  reference_id: unknown;
}

interface ReferenceRow {
  memo_id: number;
  target_id: number;
}

const keyOf = (row: { memo_id: unknown; target_id: unknown }): string => `${Number(row.memo_id)}>${Number(row.target_id)}`;

/**
 * `jiniaslog_memo.memo_reference` (the memo's element collection: owner `Memo_id`, link target `reference_id`)
 * → `memo_references`, so backlinks answer after the move. The source has no key: a pair seen twice is folded.
 */
export function importMemoReferences(context: ImportContext): TableImport<SourceReference, ReferenceRow> {
  const table = context.source.table('memo', 'memo_reference');
  const seen = new Set<string>();
  return {
    tally: new TableTally('memo references'),
    count: () => context.source.count(table),
    async *batches(size) {
      const all = await context.source.query<SourceReference>(`SELECT * FROM ${table} ORDER BY Memo_id, reference_id`);
      yield* chunks(all, size);
    },
    check(source) {
      const memoId = idOf(source.Memo_id);
      const targetId = idOf(source.reference_id);
      if (memoId === null || targetId === null || !context.memos.has(memoId) || !context.memos.has(targetId)) return reject('memo missing or skipped');
      if (memoId === targetId) return reject('a memo referencing itself');
      if (context.memos.get(memoId)?.authorId !== context.memos.get(targetId)?.authorId) return reject('memos of different authors');
      const row = { memo_id: memoId, target_id: targetId };
      if (seen.has(keyOf(row))) return reject('duplicate pair, folded');
      seen.add(keyOf(row));
      return accept(row);
    },
    keyOf,
    async present(db, rows) {
      if (rows.length === 0) return new Set();
      const held = await db.selectFrom('memo_references').select(['memo_id', 'target_id']).where('memo_id', 'in', [...new Set(rows.map((row) => row.memo_id))]).execute();
      return new Set(held.map(keyOf));
    },
    async write(trx, rows) {
      await trx.insertInto('memo_references').values([...rows]).execute();
      return [];
    },
    fingerprint: keyOf,
    async readBack(db, rows) {
      const held = await this.present(db, rows);
      return new Map([...held].map((key) => [key, key]));
    },
  };
}
