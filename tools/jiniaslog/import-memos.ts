import { DEFAULT_SEQUENCE, MAX_SEQUENCE_LENGTH, memoTitle, searchable } from '../../shared/memo/domain/memo.ts';
import { TableTally } from './import-report.ts';
import { codePoints, idOf, textOf, type ImportContext } from './import-context.ts';
import { ensureMemoAuthors } from './memo-authors.ts';
import { accept, reject, type TableImport } from './table-import.ts';
import type { MemoMemosTable } from '../../shared/memo/adapters/memo-tables.ts';

interface SourceMemo {
  id: unknown;
  author_id: unknown;
  title: unknown;
  content: unknown;
  parent_folder_id: unknown;
  sequence: unknown;
  created_at: string | null;
  updated_at: string | null;
}

type MemoRow = MemoMemosTable;

const fingerprint = (row: { id: unknown; author_id: unknown; folder_id: unknown; title: string; content: string; sequence: string; created_at: unknown; updated_at: unknown }): string =>
  JSON.stringify([Number(row.id), Number(row.author_id), row.folder_id === null ? null : Number(row.folder_id), row.title, row.content, row.sequence, Number(row.created_at), Number(row.updated_at)]);

/** `jiniaslog_memo.memo` → `memo_memos`: a memo in a folder that is gone is skipped; a blank title becomes "untitled" as in pilog (§5). */
export function importMemos(context: ImportContext): TableImport<SourceMemo, MemoRow> {
  const table = context.source.table('memo', 'memo');
  return {
    tally: new TableTally('memos'),
    count: () => context.source.count(table),
    batches: (size) => context.source.batches<SourceMemo & { [key: string]: unknown }>(table, 'id', size),
    check(source) {
      const id = idOf(source.id);
      if (id === null) return reject('id is not a positive integer');
      const authorId = idOf(source.author_id);
      if (authorId === null) return reject('author_id missing');
      const folderId = source.parent_folder_id === null ? null : idOf(source.parent_folder_id);
      if (source.parent_folder_id !== null && (folderId === null || !context.folders.has(folderId))) return reject('parent folder missing or skipped');
      if (folderId !== null && context.folders.get(folderId)?.authorId !== authorId) return reject('folder belongs to another author');
      const createdAt = context.timeOf(source.created_at);
      const updatedAt = context.timeOf(source.updated_at) ?? createdAt;
      if (createdAt === null || updatedAt === null) return reject('created_at is missing or malformed');
      const title = memoTitle(textOf(source.title));
      if (!title.ok) return reject(title.error.message);
      const sequence = textOf(source.sequence) === '' ? DEFAULT_SEQUENCE : textOf(source.sequence);
      if (codePoints(sequence) > MAX_SEQUENCE_LENGTH) return reject(`sequence longer than ${MAX_SEQUENCE_LENGTH} characters`);
      const content = textOf(source.content);
      context.memos.set(id, { authorId });
      return accept({
        id,
        author_id: authorId,
        folder_id: folderId,
        title: title.value,
        content,
        search_title: searchable(title.value),
        search_content: searchable(content),
        sequence,
        version: 1,
        created_at: createdAt,
        updated_at: updatedAt,
      });
    },
    keyOf: (row) => String(row.id),
    async present(db, rows) {
      if (rows.length === 0) return new Set();
      const held = await db.selectFrom('memo_memos').select('id').where('id', 'in', rows.map((row) => row.id)).execute();
      return new Set(held.map((row) => String(Number(row.id))));
    },
    async write(trx, rows) {
      await ensureMemoAuthors(trx, context, rows.map((row) => row.author_id), Date.now());
      await trx.insertInto('memo_memos').values([...rows]).execute();
      return [];
    },
    fingerprint,
    async readBack(db, rows) {
      if (rows.length === 0) return new Map();
      const held = await db.selectFrom('memo_memos').selectAll().where('id', 'in', rows.map((row) => row.id)).execute();
      return new Map(held.map((row) => [String(Number(row.id)), fingerprint(row)]));
    },
  };
}
