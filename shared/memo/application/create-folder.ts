import type { Caller } from '../../kernel/access.ts';
import type { AppError } from '../../kernel/app-error.ts';
import type { Id } from '../../kernel/id.ts';
import { err, ok, type Result } from '../../kernel/result.ts';
import { MAX_FOLDERS_PER_AUTHOR, newFolder, type Folder } from '../domain/folder.ts';
import { folderQuotaExceeded } from '../domain/memo.errors.ts';
import { writeAsAuthor, type MemoDeps } from './memo-deps.ts';
import { targetFolder } from './ownership.ts';

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
