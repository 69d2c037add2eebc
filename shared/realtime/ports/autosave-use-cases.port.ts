import type { Caller } from '../../kernel/access.ts';
import type { AppError } from '../../kernel/app-error.ts';
import type { Id } from '../../kernel/id.ts';
import type { Result } from '../../kernel/result.ts';

/** A draft edit in the blog's terms (title is the title): each part given replaces that part, absent or null keeps it. */
export interface DraftEdit {
  readonly articleId: Id;
  readonly title?: string | null;
  readonly body?: string | null;
  readonly thumbnailUrl?: string | null;
}

/**
 * Saves an article's draft copy exactly as `PUT /api/v1/articles/{id}/draft` does (the blog's draft-save use case):
 * the same role check, rules, events and cache invalidation. Wired by the function entry.
 */
export interface ArticleDraftSaver {
  saveDraft(caller: Caller, edit: DraftEdit): Promise<Result<unknown, AppError>>;
}

/**
 * The memo context's editor use cases (update memo, replace references): ownership, validation, events and cache
 * invalidation stay theirs. Absent or null fields leave that part unchanged. Wired by the function entry.
 */
export interface MemoEditor {
  updateMemo(caller: Caller, edit: { readonly memoId: Id; readonly title?: string | null; readonly content?: string | null }): Promise<Result<unknown, AppError>>;
  replaceReferences(caller: Caller, edit: { readonly memoId: Id; readonly references?: readonly Id[] | null }): Promise<Result<unknown, AppError>>;
}
