import type { Caller } from '../../kernel/access.ts';
import type { AppError } from '../../kernel/app-error.ts';
import type { Id } from '../../kernel/id.ts';
import { ok, type Result } from '../../kernel/result.ts';
import type { MemoRef } from '../domain/folder-tree.ts';
import type { Memo } from '../domain/memo.ts';
import type { MemoDeps } from './memo-deps.ts';
import { ownedMemo } from './ownership.ts';

/** One of the caller's memos with its text and outgoing links. */
export async function readMemo(deps: MemoDeps, caller: Caller, memoId: Id): Promise<Result<{ memo: Memo; references: MemoRef[] }, AppError>> {
  const memo = ownedMemo(caller, await deps.store.findMemo(memoId), memoId);
  if (!memo.ok) return memo;
  return ok({ memo: memo.value, references: await deps.store.referencesOf(memoId, caller.userId) });
}
