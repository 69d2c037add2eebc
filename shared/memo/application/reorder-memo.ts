import type { Caller } from '../../kernel/access.ts';
import type { AppError } from '../../kernel/app-error.ts';
import type { Id } from '../../kernel/id.ts';
import { ok, type Result } from '../../kernel/result.ts';
import { sequenceOf } from '../domain/memo.ts';
import { memoUpdatedEvent, writeAsAuthor, type MemoDeps } from './memo-deps.ts';
import { ownedMemo } from './ownership.ts';

/** Stores the client-computed rank of one of the caller's memos. */
export async function reorderMemo(deps: MemoDeps, caller: Caller, input: { memoId: Id; sequence: string }): Promise<Result<{ memoId: number; sequence: string }, AppError>> {
  const sequence = sequenceOf(input.sequence);
  if (!sequence.ok) return sequence;
  return writeAsAuthor(deps, caller, async (session) => {
    const memo = ownedMemo(caller, await session.findMemo(input.memoId), input.memoId);
    if (!memo.ok) return memo;
    if (memo.value.sequence !== sequence.value) {
      await session.updateMemo(input.memoId, { sequence: sequence.value });
      session.raise([await memoUpdatedEvent(session, { ...memo.value, sequence: sequence.value })]);
    }
    return ok({ memoId: input.memoId, sequence: sequence.value });
  });
}
