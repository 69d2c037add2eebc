import type { AppError } from '../../kernel/app-error.ts';
import type { Caller } from '../../kernel/access.ts';
import type { Id } from '../../kernel/id.ts';
import type { Result } from '../../kernel/result.ts';
import { saveDraft as editDraft } from '../domain/article-transitions.ts';
import { changeArticle, type ArticleWriteDeps, type ArticleWritten } from './write-article.ts';

/**
 * A draft edit, in the blog's own terms: `title` is the title and `body` the body. Each part given replaces that part
 * of the draft copy; a part absent or null stays as it is.
 */
export interface DraftInput {
  readonly articleId: Id;
  readonly title?: string | null;
  readonly body?: string | null;
  readonly thumbnailUrl?: string | null;
}

/**
 * Saves the draft copy (§2.1): `PUT /api/v1/articles/{id}/draft` and the realtime autosave channel (§3) both call
 * this, each mapping its own field names (the realtime payload's swapped `title`/`content`) at its edge. ADMIN only;
 * a DELETED article or a PUBLISHED one whose draft would lose its title, body or thumbnail → 409.
 */
export function saveDraft(deps: ArticleWriteDeps, caller: Caller | null, input: DraftInput): Promise<Result<ArticleWritten, AppError>> {
  return changeArticle(deps, caller, input.articleId, (article) =>
    editDraft(article, {
      ...(input.title == null ? {} : { title: input.title }),
      ...(input.body == null ? {} : { body: input.body }),
      ...(input.thumbnailUrl == null ? {} : { thumbnailUrl: input.thumbnailUrl }),
    }),
  );
}
