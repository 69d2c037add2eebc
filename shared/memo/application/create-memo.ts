import { raise } from '../../events/event-definition.ts';
import { memoCreated } from '../../events/memo-memo.events.ts';
import type { Caller } from '../../kernel/access.ts';
import type { AppError } from '../../kernel/app-error.ts';
import type { Id } from '../../kernel/id.ts';
import { err, ok, type Result } from '../../kernel/result.ts';
import { memoQuotaExceeded } from '../domain/memo.errors.ts';
import { MAX_MEMOS_PER_AUTHOR, newMemo } from '../domain/memo.ts';
import { writeAsAuthor, type MemoDeps } from './memo-deps.ts';
import { targetFolder } from './ownership.ts';

export interface CreateMemoInput {
  /** null: uncategorized. */
  readonly folderId: Id | null;
}

/** A new, empty memo ("untitled") in one of the caller's folders or uncategorized; at most 1000 per author. */
export async function createMemo(deps: MemoDeps, caller: Caller, input: CreateMemoInput): Promise<Result<{ memoId: number }, AppError>> {
  return writeAsAuthor(deps, caller, async (session) => {
    const folder = await targetFolder(caller, input.folderId, (id) => session.findFolder(id));
    if (!folder.ok) return folder;
    if ((await session.countMemos()) >= MAX_MEMOS_PER_AUTHOR) return err(memoQuotaExceeded());
    const memo = newMemo(deps.ids.next(), caller.userId, input.folderId);
    await session.insertMemo(memo);
    const { id: memoId, authorId, folderId, title, sequence } = memo;
    session.raise([raise(memoCreated, { memoId, authorId, folderId, title, sequence, referenceIds: [] }, memo.version)]);
    return ok({ memoId });
  });
}
