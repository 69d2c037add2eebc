import type { Caller } from '../../kernel/access.ts';
import type { AppError } from '../../kernel/app-error.ts';
import type { Id } from '../../kernel/id.ts';
import { ok, type Result } from '../../kernel/result.ts';
import { memoTitle, type Memo } from '../domain/memo.ts';
import { memoUpdatedEvent, writeAsAuthor, type MemoDeps } from './memo-deps.ts';
import { ownedMemo } from './ownership.ts';

export interface UpdateMemoInput {
  readonly memoId: Id;
  /** Absent or null: unchanged. Blank: stored as "untitled". */
  readonly title?: string | null;
  /** Absent or null: unchanged. Empty is a valid content. */
  readonly content?: string | null;
}

/**
 * The editor's autosave of a memo (realtime `/memo/updateMemo`, §3.2): sets title and content. Saving what is
 * already stored changes nothing and raises nothing, so the repeated saves of an idle editor cost one read.
 */
export async function updateMemo(deps: MemoDeps, caller: Caller, input: UpdateMemoInput): Promise<Result<{ memoId: number }, AppError>> {
  const title = input.title === undefined || input.title === null ? undefined : memoTitle(input.title);
  if (title && !title.ok) return title;
  return writeAsAuthor(deps, caller, async (session) => {
    const memo = ownedMemo(caller, await session.findMemo(input.memoId), input.memoId);
    if (!memo.ok) return memo;
    const changes: { title?: string; content?: string } = {};
    if (title && title.value !== memo.value.title) changes.title = title.value;
    if (input.content !== undefined && input.content !== null && input.content !== memo.value.content) changes.content = input.content;
    if (Object.keys(changes).length > 0) {
      await session.updateMemo(input.memoId, changes);
      const changed: Memo = { ...memo.value, ...changes };
      session.raise([await memoUpdatedEvent(session, changed)]);
    }
    return ok({ memoId: input.memoId });
  });
}
