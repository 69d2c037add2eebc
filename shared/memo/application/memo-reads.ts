import type { Caller } from '../../kernel/access.ts';
import type { AppError } from '../../kernel/app-error.ts';
import type { Id } from '../../kernel/id.ts';
import { err, ok, type Result } from '../../kernel/result.ts';
import type { MemoRef } from '../domain/folder-tree.ts';
import { blankKeyword } from '../domain/memo.errors.ts';
import { searchable, type Memo } from '../domain/memo.ts';
import type { MemoDeps } from './memo-deps.ts';
import { ownedMemo } from './ownership.ts';

/** One of the caller's memos with its text and outgoing links. */
export async function readMemo(deps: MemoDeps, caller: Caller, memoId: Id): Promise<Result<{ memo: Memo; references: MemoRef[] }, AppError>> {
  const memo = ownedMemo(caller, await deps.store.findMemo(memoId), memoId);
  if (!memo.ok) return memo;
  return ok({ memo: memo.value, references: await deps.store.referencesOf(memoId, caller.userId) });
}

/** The memos one of the caller's memos links to, with their current titles. */
export async function readReferences(deps: MemoDeps, caller: Caller, memoId: Id): Promise<Result<MemoRef[], AppError>> {
  const memo = ownedMemo(caller, await deps.store.findMemo(memoId), memoId);
  return memo.ok ? ok(await deps.store.referencesOf(memoId, caller.userId)) : memo;
}

/** The caller's memos that link to one of their memos. */
export async function readBacklinks(deps: MemoDeps, caller: Caller, memoId: Id): Promise<Result<MemoRef[], AppError>> {
  const memo = ownedMemo(caller, await deps.store.findMemo(memoId), memoId);
  return memo.ok ? ok(await deps.store.backlinksOf(memoId, caller.userId)) : memo;
}

/** The caller's memos (never anyone else's) whose title or content contains `query`, literally and ignoring case. */
export async function searchMemos(deps: MemoDeps, caller: Caller, query: string): Promise<Result<MemoRef[], AppError>> {
  if (query.trim() === '') return ok([]);
  const found = await deps.store.searchMemos(caller.userId, searchable(query), { withContent: false });
  return ok(found.map(({ id, title }) => ({ id, title })));
}

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
