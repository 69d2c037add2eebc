import { DEFAULT_SEQUENCE, MAX_SEQUENCE_LENGTH } from '../../shared/memo/domain/memo.ts';
import { TableTally } from './import-report.ts';
import { codePoints, idOf, textOf, type ImportContext } from './import-context.ts';
import { ensureMemoAuthors } from './memo-authors.ts';
import { accept, chunks, reject, type TableImport } from './table-import.ts';
import type { MemoFoldersTable } from '../../shared/memo/adapters/memo-tables.ts';

interface SourceFolder {
  id: unknown;
  name: unknown;
  author_id: unknown;
  parent_id: unknown;
  sequence: unknown;
  created_at: string | null;
  updated_at: string | null;
}

type FolderRow = MemoFoldersTable;

const fingerprint = (row: { id: unknown; author_id: unknown; parent_id: unknown; name: string; sequence: string; created_at: unknown; updated_at: unknown }): string =>
  JSON.stringify([Number(row.id), Number(row.author_id), row.parent_id === null ? null : Number(row.parent_id), row.name, row.sequence, Number(row.created_at), Number(row.updated_at)]);

/** Parents before children whatever their ids (a moved folder may be older than its new parent). */
function parentsFirst(folders: readonly SourceFolder[]): SourceFolder[] {
  const byId = new Map(folders.map((folder) => [idOf(folder.id), folder]));
  const ordered: SourceFolder[] = [];
  const placed = new Set<SourceFolder>();
  const visiting = new Set<SourceFolder>();
  const place = (folder: SourceFolder): void => {
    if (placed.has(folder) || visiting.has(folder)) return;
    visiting.add(folder);
    const parent = byId.get(idOf(folder.parent_id));
    if (parent) place(parent);
    placed.add(folder);
    ordered.push(folder);
  };
  for (const folder of folders) place(folder);
  return ordered;
}

/**
 * `jiniaslog_memo.folder` → `memo_folders`. A folder whose parent is gone (or that sits in a parent cycle) is
 * skipped, and with it every folder below it: pilog keeps parents valid.
 */
export function importFolders(context: ImportContext): TableImport<SourceFolder, FolderRow> {
  const table = context.source.table('memo', 'folder');
  return {
    tally: new TableTally('folders'),
    count: () => context.source.count(table),
    async *batches(size) {
      // Folder trees are small (hundreds); reading them whole lets parents go first.
      const all = await context.source.query<SourceFolder>(`SELECT * FROM ${table} ORDER BY id`);
      yield* chunks(parentsFirst(all), size);
    },
    check(source) {
      const id = idOf(source.id);
      if (id === null) return reject('id is not a positive integer');
      const authorId = idOf(source.author_id);
      if (authorId === null) return reject('author_id missing');
      const parentId = source.parent_id === null ? null : idOf(source.parent_id);
      if (source.parent_id !== null && (parentId === null || !context.folders.has(parentId))) return reject('parent folder missing or skipped');
      if (parentId !== null && context.folders.get(parentId)?.authorId !== authorId) return reject('parent folder belongs to another author');
      const createdAt = context.timeOf(source.created_at);
      const updatedAt = context.timeOf(source.updated_at) ?? createdAt;
      if (createdAt === null || updatedAt === null) return reject('created_at is missing or malformed');
      const name = textOf(source.name).trim() === '' ? 'untitled' : textOf(source.name);
      const sequence = textOf(source.sequence) === '' ? DEFAULT_SEQUENCE : textOf(source.sequence);
      if (codePoints(name) > 255 || codePoints(sequence) > MAX_SEQUENCE_LENGTH) return reject('name or sequence longer than 255 characters');
      context.folders.set(id, { authorId });
      return accept({ id, author_id: authorId, parent_id: parentId, name, sequence, created_at: createdAt, updated_at: updatedAt });
    },
    keyOf: (row) => String(row.id),
    async present(db, rows) {
      if (rows.length === 0) return new Set();
      const held = await db.selectFrom('memo_folders').select('id').where('id', 'in', rows.map((row) => row.id)).execute();
      return new Set(held.map((row) => String(Number(row.id))));
    },
    async write(trx, rows) {
      await ensureMemoAuthors(trx, context, rows.map((row) => row.author_id), Date.now());
      await trx.insertInto('memo_folders').values([...rows]).execute();
      return [];
    },
    fingerprint,
    async readBack(db, rows) {
      if (rows.length === 0) return new Map();
      const held = await db.selectFrom('memo_folders').selectAll().where('id', 'in', rows.map((row) => row.id)).execute();
      return new Map(held.map((row) => [String(Number(row.id)), fingerprint(row)]));
    },
  };
}
