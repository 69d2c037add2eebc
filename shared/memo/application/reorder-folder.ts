import type { Caller } from '../../kernel/access.ts';
import type { AppError } from '../../kernel/app-error.ts';
import type { Id } from '../../kernel/id.ts';
import { ok, type Result } from '../../kernel/result.ts';
import { sequenceOf } from '../domain/memo.ts';
import { writeAsAuthor, type MemoDeps } from './memo-deps.ts';
import { ownedFolder } from './ownership.ts';

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
