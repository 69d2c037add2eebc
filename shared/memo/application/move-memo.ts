import type { Caller } from '../../kernel/access.ts';
import type { AppError } from '../../kernel/app-error.ts';
import type { Id } from '../../kernel/id.ts';
import { err, ok, type Result } from '../../kernel/result.ts';
import { folderNotFound, memoNotFound } from '../domain/memo.errors.ts';
import { memoUpdatedEvent, writeAsAuthor, type MemoDeps } from './memo-deps.ts';
import { ownedFolder, ownedMemo } from './ownership.ts';

export interface MoveMemoInput {
  readonly memoId: Id;
  /** null: uncategorized. */
  readonly folderId: Id | null;
}

/** Puts one of the caller's memos into another of their folders, or back to uncategorized. */
export async function moveMemo(deps: MemoDeps, caller: Caller, input: MoveMemoInput): Promise<Result<{ memoId: number; folderId: number | null }, AppError>> {
  return writeAsAuthor(deps, caller, async (session) => {
    const found = await session.findMemo(input.memoId);
    const folder = input.folderId === null ? null : await session.findFolder(input.folderId);
    if (found === null) return err(memoNotFound(input.memoId));
    if (input.folderId !== null && folder === null) return err(folderNotFound(input.folderId));
    const memo = ownedMemo(caller, found, input.memoId);
    if (!memo.ok) return memo;
    if (input.folderId !== null) {
      const target = ownedFolder(caller, folder, input.folderId);
      if (!target.ok) return target;
    }
    if (memo.value.folderId !== input.folderId) {
      await session.updateMemo(input.memoId, { folderId: input.folderId });
      session.raise([await memoUpdatedEvent(session, { ...memo.value, folderId: input.folderId })]);
    }
    return ok({ memoId: input.memoId, folderId: input.folderId });
  });
}
