import type { Caller } from '../../kernel/access.ts';
import type { AppError } from '../../kernel/app-error.ts';
import type { Id } from '../../kernel/id.ts';
import { ok, type Result } from '../../kernel/result.ts';
import { folderName } from '../domain/folder.ts';
import { writeAsAuthor, type MemoDeps } from './memo-deps.ts';
import { ownedFolder } from './ownership.ts';

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
