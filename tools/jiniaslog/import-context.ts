import type { SourceDatabase } from './source-database.ts';
import type { SourceTime } from './source-time.ts';

/**
 * What the table imports of one run share: the source, its clock, and the ids each table accepted (imported now or
 * present from an earlier run), which later tables check their references against. Kept in memory: even a large
 * blog has ids in the tens of thousands.
 */
export interface ImportContext {
  readonly source: SourceDatabase;
  readonly timeOf: SourceTime;
  readonly users: Map<number, { roles: string }>;
  /** Source tag id → the pilog tag it lives on (a tag whose name differs only in case folds into the first). */
  readonly tags: Map<number, { id: number; name: string }>;
  readonly articles: Map<number, { status: string }>;
  readonly folders: Map<number, { authorId: number }>;
  readonly memos: Map<number, { authorId: number }>;
  /** Comment id → its parent id (null for a root). */
  readonly comments: Map<number, number | null>;
}

export const createImportContext = (source: SourceDatabase, timeOf: SourceTime): ImportContext => ({
  source,
  timeOf,
  users: new Map(),
  tags: new Map(),
  articles: new Map(),
  folders: new Map(),
  memos: new Map(),
  comments: new Map(),
});

/** mysql2 hands BIGINTs over as numbers when they fit, which snowflakes do; anything else is not an id. */
export const idOf = (value: unknown): number | null => {
  const id = typeof value === 'string' ? Number(value) : value;
  return typeof id === 'number' && Number.isSafeInteger(id) && id > 0 ? id : null;
};

export const textOf = (value: unknown): string => (typeof value === 'string' ? value : value === null || value === undefined ? '' : String(value));

export const codePoints = (text: string): number => [...text].length;
