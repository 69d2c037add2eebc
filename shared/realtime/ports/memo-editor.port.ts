import type { Caller } from '../../kernel/access.ts';
import type { AppError } from '../../kernel/app-error.ts';
import type { Id } from '../../kernel/id.ts';
import type { Result } from '../../kernel/result.ts';

/**
 * The memo context's editor use cases (update memo, replace references): ownership, validation, events and cache
 * invalidation stay theirs. Absent or null fields leave that part unchanged. Wired by the function entry.
 */
export interface MemoEditor {
  updateMemo(caller: Caller, edit: { readonly memoId: Id; readonly title?: string | null; readonly content?: string | null }): Promise<Result<unknown, AppError>>;
  replaceReferences(caller: Caller, edit: { readonly memoId: Id; readonly references?: readonly Id[] | null }): Promise<Result<unknown, AppError>>;
}
