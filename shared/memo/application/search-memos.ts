import type { Caller } from '../../kernel/access.ts';
import type { AppError } from '../../kernel/app-error.ts';
import { ok, type Result } from '../../kernel/result.ts';
import type { MemoRef } from '../domain/folder-tree.ts';
import { searchable } from '../domain/memo.ts';
import type { MemoDeps } from './memo-deps.ts';

/** The caller's memos (never anyone else's) whose title or content contains `query`, literally and ignoring case. */
export async function searchMemos(deps: MemoDeps, caller: Caller, query: string): Promise<Result<MemoRef[], AppError>> {
  if (query.trim() === '') return ok([]);
  const found = await deps.store.searchMemos(caller.userId, searchable(query), { withContent: false });
  return ok(found.map(({ id, title }) => ({ id, title })));
}
