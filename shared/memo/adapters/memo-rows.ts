import type { Kysely } from 'kysely';
import type { Folder } from '../domain/folder.ts';
import { searchable, type Memo, type MemoHeader } from '../domain/memo.ts';
import type { MemoDatabase, MemoMemosTable } from './memo-tables.ts';

/** Rows ↔ domain values. mysql2 may hand BIGINTs over as strings, so every number goes through Number(). */
export const headerColumns = ['id', 'author_id', 'folder_id', 'title', 'sequence', 'version'] as const;
export const folderColumns = ['id', 'author_id', 'parent_id', 'name', 'sequence'] as const;

const idOrNull = (value: number | null): number | null => (value === null ? null : Number(value));

export const memoHeaderOf = (row: { id: number; author_id: number; folder_id: number | null; title: string; sequence: string; version: number }): MemoHeader => ({
  id: Number(row.id),
  authorId: Number(row.author_id),
  folderId: idOrNull(row.folder_id),
  title: row.title,
  sequence: row.sequence,
  version: Number(row.version),
});

/** A memo's row, with the search columns derived from its title and content (every writer stores them alike). */
export const memoRowOf = (memo: Memo, times: { readonly createdAt: number; readonly updatedAt: number }) =>
  ({
    id: memo.id,
    author_id: memo.authorId,
    folder_id: memo.folderId,
    title: memo.title,
    content: memo.content,
    search_title: searchable(memo.title),
    search_content: searchable(memo.content),
    sequence: memo.sequence,
    version: memo.version,
    created_at: times.createdAt,
    updated_at: times.updatedAt,
  }) satisfies MemoMemosTable;

export const memoOf = (row: Parameters<typeof memoHeaderOf>[0] & { content: string }): Memo => ({ ...memoHeaderOf(row), content: row.content });

export const folderOf = (row: { id: number; author_id: number; parent_id: number | null; name: string; sequence: string }): Folder => ({
  id: Number(row.id),
  authorId: Number(row.author_id),
  parentId: idOrNull(row.parent_id),
  name: row.name,
  sequence: row.sequence,
});

export const countOf = (row: { count: string | number | bigint } | undefined): number => Number(row?.count ?? 0);

/** Lookups every memo query set needs, in a transaction or not. */
export function memoLookups(db: Kysely<MemoDatabase>) {
  return {
    async findMemo(id: number): Promise<Memo | null> {
      const row = await db.selectFrom('memo_memos').select([...headerColumns, 'content']).where('id', '=', id).executeTakeFirst();
      return row ? memoOf(row) : null;
    },
    async findFolder(id: number): Promise<Folder | null> {
      const row = await db.selectFrom('memo_folders').select(folderColumns).where('id', '=', id).executeTakeFirst();
      return row ? folderOf(row) : null;
    },
  };
}
