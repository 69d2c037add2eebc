import type { PlatformTables } from '../../platform/database/database.ts';

/**
 * The memo context's tables. Times are epoch milliseconds, ids snowflakes, as everywhere in pilog.
 */
export interface MemoAuthorsTable {
  author_id: number;
  /** The roles of the author's last write, comma-separated (from the access token): the sandbox purge spares ADMINs. */
  roles: string;
  /** Bumped in the transaction of every write that changes what the author's folder tree shows; keys the tree cache. */
  tree_version: number;
  updated_at: number;
}

export interface MemoFoldersTable {
  id: number;
  author_id: number;
  parent_id: number | null;
  name: string;
  sequence: string;
  created_at: number;
  updated_at: number;
}

export interface MemoMemosTable {
  id: number;
  author_id: number;
  folder_id: number | null;
  title: string;
  content: string;
  /** `searchable(title)` and `searchable(content)`: what search and recommendations match, byte for byte. */
  search_title: string;
  search_content: string;
  sequence: string;
  version: number;
  created_at: number;
  updated_at: number;
}

export interface MemoReferencesTable {
  memo_id: number;
  target_id: number;
}

export type MemoTables = {
  memo_authors: MemoAuthorsTable;
  memo_folders: MemoFoldersTable;
  memo_memos: MemoMemosTable;
  memo_references: MemoReferencesTable;
};

/** What the memo context's adapters query: its tables, and the outbox its writes append to in the same transaction. */
export type MemoDatabase = PlatformTables & MemoTables;
