import type { Kysely } from 'kysely';
import type { RaisedEvent } from '../../events/event-definition.ts';
import type { Clock } from '../../kernel/clock.ts';
import { searchable } from '../domain/memo.ts';
import type { MemoWriteSession } from '../ports/memo-store.port.ts';
import { countOf, folderColumns, folderOf, headerColumns, memoHeaderOf, memoLookups, memoRowOf } from './memo-rows.ts';
import type { MemoDatabase } from './memo-tables.ts';

export interface SqlWriteSession {
  readonly session: MemoWriteSession;
  readonly events: RaisedEvent[];
  /** Whether anything the folder tree shows was changed. */
  treeChanged(): boolean;
}

/**
 * The statements of one write transaction. Each mutation notes whether it changed what the folder tree shows
 * (titles, folders, order, links; not content), so the store bumps the tree version without the use case asking.
 */
export function createSqlWriteSession(trx: Kysely<MemoDatabase>, authorId: number, clock: Clock): SqlWriteSession {
  const events: RaisedEvent[] = [];
  let treeChanged = false;
  const touchTree = (): void => void (treeChanged = true);
  const mine = trx.selectFrom('memo_memos').where('author_id', '=', authorId);

  const session: MemoWriteSession = {
    authorId,
    ...memoLookups(trx),
    async countMemos() {
      return countOf(await mine.select((eb) => eb.fn.countAll().as('count')).executeTakeFirst());
    },
    async countFolders() {
      return countOf(await trx.selectFrom('memo_folders').select((eb) => eb.fn.countAll().as('count')).where('author_id', '=', authorId).executeTakeFirst());
    },
    async folders() {
      return (await trx.selectFrom('memo_folders').select(folderColumns).where('author_id', '=', authorId).execute()).map(folderOf);
    },
    async memos(inFolders) {
      if (inFolders?.length === 0) return [];
      const rows = await mine
        .select(headerColumns)
        .$if(inFolders !== undefined, (query) => query.where('folder_id', 'in', [...(inFolders ?? [])]))
        .execute();
      return rows.map(memoHeaderOf);
    },
    async findMemos(ids) {
      if (ids.length === 0) return [];
      return (await trx.selectFrom('memo_memos').select(headerColumns).where('id', 'in', [...ids]).execute()).map(memoHeaderOf);
    },
    async referenceIdsOf(memoId) {
      const rows = await trx.selectFrom('memo_references').select('target_id').where('memo_id', '=', memoId).orderBy('target_id', 'desc').execute();
      return rows.map((row) => Number(row.target_id));
    },
    async linkingTo(memoId, candidates) {
      if (candidates.length === 0) return [];
      const rows = await trx.selectFrom('memo_references').select('memo_id').where('target_id', '=', memoId).where('memo_id', 'in', [...candidates]).execute();
      return rows.map((row) => Number(row.memo_id));
    },

    async insertMemo(memo) {
      const now = clock.now();
      await trx
        .insertInto('memo_memos')
        .values(memoRowOf(memo, { createdAt: now, updatedAt: now }))
        .execute();
      touchTree();
    },
    async updateMemo(id, changes) {
      await trx
        .updateTable('memo_memos')
        .set((eb) => ({
          ...(changes.title === undefined ? {} : { title: changes.title, search_title: searchable(changes.title) }),
          ...(changes.content === undefined ? {} : { content: changes.content, search_content: searchable(changes.content) }),
          ...(changes.folderId === undefined ? {} : { folder_id: changes.folderId }),
          ...(changes.sequence === undefined ? {} : { sequence: changes.sequence }),
          version: eb('version', '+', 1),
          updated_at: clock.now(),
        }))
        .where('id', '=', id)
        .execute();
      if (changes.title !== undefined || changes.folderId !== undefined || changes.sequence !== undefined) touchTree();
    },
    async replaceReferences(memoId, targetIds) {
      await trx.deleteFrom('memo_references').where('memo_id', '=', memoId).execute();
      if (targetIds.length > 0) await trx.insertInto('memo_references').values(targetIds.map((targetId) => ({ memo_id: memoId, target_id: targetId }))).execute();
      await trx
        .updateTable('memo_memos')
        .set((eb) => ({ version: eb('version', '+', 1), updated_at: clock.now() }))
        .where('id', '=', memoId)
        .execute();
      touchTree();
    },
    async deleteMemos(ids) {
      if (ids.length === 0) return;
      await trx.deleteFrom('memo_memos').where('id', 'in', [...ids]).execute();
      touchTree();
    },
    async insertFolder(folder) {
      const now = clock.now();
      await trx
        .insertInto('memo_folders')
        .values({ id: folder.id, author_id: folder.authorId, parent_id: folder.parentId, name: folder.name, sequence: folder.sequence, created_at: now, updated_at: now })
        .execute();
      touchTree();
    },
    async updateFolder(id, changes) {
      await trx
        .updateTable('memo_folders')
        .set({
          ...(changes.name === undefined ? {} : { name: changes.name }),
          ...(changes.parentId === undefined ? {} : { parent_id: changes.parentId }),
          ...(changes.sequence === undefined ? {} : { sequence: changes.sequence }),
          updated_at: clock.now(),
        })
        .where('id', '=', id)
        .execute();
      touchTree();
    },
    async deleteFolders(ids) {
      if (ids.length === 0) return;
      await trx.deleteFrom('memo_folders').where('id', 'in', [...ids]).execute();
      touchTree();
    },
    raise(raised) {
      events.push(...raised);
    },
  };
  return { session, events, treeChanged: () => treeChanged };
}
