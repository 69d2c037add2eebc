import { raise } from '../../events/event-definition.ts';
import { memoDeleted } from '../../events/memo-memo.events.ts';
import type { Caller } from '../../kernel/access.ts';
import type { AppError } from '../../kernel/app-error.ts';
import type { Id } from '../../kernel/id.ts';
import { ok, type Result } from '../../kernel/result.ts';
import { writeAsAuthor, type MemoDeps } from './memo-deps.ts';
import { ownedMemo } from './ownership.ts';

/** Hard-deletes one of the caller's memos; links to it from other memos go too. */
export async function deleteMemo(deps: MemoDeps, caller: Caller, memoId: Id): Promise<Result<void, AppError>> {
  return writeAsAuthor(deps, caller, async (session) => {
    const memo = ownedMemo(caller, await session.findMemo(memoId), memoId);
    if (!memo.ok) return memo;
    await session.deleteMemos([memoId]);
    session.raise([raise(memoDeleted, { memoId, authorId: caller.userId }, memo.value.version + 1)]);
    return ok(undefined);
  });
}
