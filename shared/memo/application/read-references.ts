import type { Caller } from '../../kernel/access.ts';
import type { AppError } from '../../kernel/app-error.ts';
import type { Id } from '../../kernel/id.ts';
import { ok, type Result } from '../../kernel/result.ts';
import type { MemoRef } from '../domain/folder-tree.ts';
import type { MemoDeps } from './memo-deps.ts';
import { ownedMemo } from './ownership.ts';

/** The memos one of the caller's memos links to, with their current titles. */
export async function readReferences(deps: MemoDeps, caller: Caller, memoId: Id): Promise<Result<MemoRef[], AppError>> {
  const memo = ownedMemo(caller, await deps.store.findMemo(memoId), memoId);
  return memo.ok ? ok(await deps.store.referencesOf(memoId, caller.userId)) : memo;
}
