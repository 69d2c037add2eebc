import { raise } from '../../events/event-definition.ts';
import { memoDeleted } from '../../events/memo-memo.events.ts';
import type { Caller } from '../../kernel/access.ts';
import type { AppError } from '../../kernel/app-error.ts';
import type { Id } from '../../kernel/id.ts';
import { err, ok, type Result } from '../../kernel/result.ts';
import { buildFolderTree, type FolderInfo } from '../domain/folder-tree.ts';
import { folderName, MAX_FOLDERS_PER_AUTHOR, newFolder, subtreeOf, wouldCreateCycle, type Folder } from '../domain/folder.ts';
import { folderCycle, folderNotFound, folderQuotaExceeded } from '../domain/memo.errors.ts';
import { sequenceOf, type MemoHeader } from '../domain/memo.ts';
import type { MemoWriteSession } from '../ports/memo-store.port.ts';
import { writeAsAuthor, type MemoDeps } from './memo-deps.ts';
import { ownedFolder, targetFolder } from './ownership.ts';

/** The caller's folder tree, from the cache when it holds the current version. */
export async function readFolderTree(deps: MemoDeps, caller: Caller): Promise<FolderInfo[]> {
  const current = await deps.store.treeVersion(caller.userId);
  const hit = await deps.treeCache.get(caller.userId, current);
  if (hit) return hit;
  const { version, snapshot } = await deps.store.treeSnapshot(caller.userId);
  const tree = buildFolderTree(snapshot);
  await deps.treeCache.put(caller.userId, version, tree);
  return tree;
}

/** A new folder ("untitled") at the top or under one of the caller's folders; at most 100 per author. */
export async function createFolder(deps: MemoDeps, caller: Caller, input: { parentId: Id | null }): Promise<Result<Folder, AppError>> {
  return writeAsAuthor(deps, caller, async (session) => {
    const parent = await targetFolder(caller, input.parentId, (id) => session.findFolder(id));
    if (!parent.ok) return parent;
    if ((await session.countFolders()) >= MAX_FOLDERS_PER_AUTHOR) return err(folderQuotaExceeded());
    const folder = newFolder(deps.ids.next(), caller.userId, input.parentId);
    await session.insertFolder(folder);
    return ok(folder);
  });
}

export async function renameFolder(deps: MemoDeps, caller: Caller, input: { folderId: Id; name: string }): Promise<Result<{ folderId: number }, AppError>> {
  const name = folderName(input.name);
  if (!name.ok) return name;
  return writeAsAuthor(deps, caller, async (session) => {
    const folder = ownedFolder(caller, await session.findFolder(input.folderId), input.folderId);
    if (!folder.ok) return folder;
    if (folder.value.name !== name.value) await session.updateFolder(input.folderId, { name: name.value });
    return ok({ folderId: input.folderId });
  });
}

/** Stores the client-computed rank of one of the caller's folders. */
export async function reorderFolder(deps: MemoDeps, caller: Caller, input: { folderId: Id; sequence: string }): Promise<Result<{ folderId: number; sequence: string }, AppError>> {
  const sequence = sequenceOf(input.sequence);
  if (!sequence.ok) return sequence;
  return writeAsAuthor(deps, caller, async (session) => {
    const folder = ownedFolder(caller, await session.findFolder(input.folderId), input.folderId);
    if (!folder.ok) return folder;
    if (folder.value.sequence !== sequence.value) await session.updateFolder(input.folderId, { sequence: sequence.value });
    return ok({ folderId: input.folderId, sequence: sequence.value });
  });
}

export interface MoveFolderInput {
  readonly folderId: Id;
  /** null: top level. */
  readonly parentId: Id | null;
}

/** Hangs one of the caller's folders under another of theirs, or at the top; never under itself or its own subtree. */
export async function moveFolder(deps: MemoDeps, caller: Caller, input: MoveFolderInput): Promise<Result<{ parentId: number | null; childId: number }, AppError>> {
  const { folderId, parentId } = input;
  if (parentId === folderId) return err(folderCycle(folderId, parentId));
  return writeAsAuthor(deps, caller, async (session) => {
    const found = await session.findFolder(folderId);
    const parentFound = parentId === null ? null : await session.findFolder(parentId);
    if (found === null) return err(folderNotFound(folderId));
    if (parentId !== null && parentFound === null) return err(folderNotFound(parentId));
    const folder = ownedFolder(caller, found, folderId);
    if (!folder.ok) return folder;
    if (parentId !== null) {
      const parent = ownedFolder(caller, parentFound, parentId);
      if (!parent.ok) return parent;
      if (wouldCreateCycle(folderId, parentId, await session.folders())) return err(folderCycle(folderId, parentId));
    }
    if (folder.value.parentId !== parentId) await session.updateFolder(folderId, { parentId });
    return ok({ parentId, childId: folderId });
  });
}

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
