import type { Caller } from '../../kernel/access.ts';
import type { AppError } from '../../kernel/app-error.ts';
import type { Id } from '../../kernel/id.ts';
import { err, ok, type Result } from '../../kernel/result.ts';
import { wouldCreateCycle } from '../domain/folder.ts';
import { folderCycle, folderNotFound } from '../domain/memo.errors.ts';
import { writeAsAuthor, type MemoDeps } from './memo-deps.ts';
import { ownedFolder } from './ownership.ts';

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
