import { raise } from '../../events/event-definition.ts';
import { memoDeleted } from '../../events/memo-memo.events.ts';
import type { Caller } from '../../kernel/access.ts';
import type { AppError } from '../../kernel/app-error.ts';
import type { Id } from '../../kernel/id.ts';
import { ok, type Result } from '../../kernel/result.ts';
import { subtreeOf } from '../domain/folder.ts';
import type { MemoHeader } from '../domain/memo.ts';
import type { MemoWriteSession } from '../ports/memo-store.port.ts';
import { writeAsAuthor, type MemoDeps } from './memo-deps.ts';
import { ownedFolder } from './ownership.ts';

/** Deletes memos and then folders in one go, raising `memoDeleted` for each memo. Shared with the sandbox purge. */
export async function deleteContents(session: MemoWriteSession, memos: readonly MemoHeader[], folderIds: readonly number[]): Promise<void> {
  await session.deleteMemos(memos.map((memo) => memo.id));
  await session.deleteFolders(folderIds);
  session.raise(memos.map((memo) => raise(memoDeleted, { memoId: memo.id, authorId: memo.authorId }, memo.version + 1)));
}

/** Hard-deletes one of the caller's folders with its whole subtree and every memo in it, in one transaction. */
export async function deleteFolder(deps: MemoDeps, caller: Caller, folderId: Id): Promise<Result<{ folderId: number }, AppError>> {
  return writeAsAuthor(deps, caller, async (session) => {
    const folder = ownedFolder(caller, await session.findFolder(folderId), folderId);
    if (!folder.ok) return folder;
    const subtree = subtreeOf(folderId, await session.folders());
    await deleteContents(session, await session.memos(subtree), subtree);
    return ok({ folderId });
  });
}
