import type { Caller } from '../../kernel/access.ts';
import type { AppError } from '../../kernel/app-error.ts';
import type { Id } from '../../kernel/id.ts';
import { err, ok, type Result } from '../../kernel/result.ts';
import { blankKeyword } from '../domain/memo.errors.ts';
import { searchable } from '../domain/memo.ts';
import type { MemoDeps } from './memo-deps.ts';
import { ownedMemo } from './ownership.ts';

export interface Recommendation {
  readonly id: number;
  readonly title: string;
  readonly content: string;
}

/** `[[` link suggestions while editing a memo: the caller's other memos containing the keyword. */
export async function recommendMemos(deps: MemoDeps, caller: Caller, input: { memoId: Id; keyword: string }): Promise<Result<Recommendation[], AppError>> {
  if (input.keyword.trim() === '') return err(blankKeyword());
  const memo = ownedMemo(caller, await deps.store.findMemo(input.memoId), input.memoId);
  if (!memo.ok) return memo;
  const found = await deps.store.searchMemos(caller.userId, searchable(input.keyword), { excludeId: input.memoId, withContent: true });
  return ok(found.map(({ id, title, content }) => ({ id, title, content: content ?? '' })));
}
