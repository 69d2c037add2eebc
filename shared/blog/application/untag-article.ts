import type { AppError } from '../../kernel/app-error.ts';
import type { Caller } from '../../kernel/access.ts';
import type { Id } from '../../kernel/id.ts';
import type { Result } from '../../kernel/result.ts';
import { removeTag } from '../domain/article-transitions.ts';
import { changeArticle, type ArticleWriteDeps, type ArticleWritten } from './write-article.ts';

/** `DELETE /api/v1/articles/{id}/tags/{tagName}`: 404 when the article does not carry that tag, 409 when it is DELETED. */
export function untagArticle(deps: ArticleWriteDeps, caller: Caller | null, input: { readonly articleId: Id; readonly tagName: string }): Promise<Result<ArticleWritten, AppError>> {
  return changeArticle(deps, caller, input.articleId, (article) => removeTag(article, input.tagName));
}
