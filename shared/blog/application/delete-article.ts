import type { AppError } from '../../kernel/app-error.ts';
import type { Caller } from '../../kernel/access.ts';
import type { Id } from '../../kernel/id.ts';
import type { Result } from '../../kernel/result.ts';
import { applyStatusOperation } from '../domain/article-transitions.ts';
import { changeArticle, type ArticleWriteDeps, type ArticleWritten } from './write-article.ts';

/** `DELETE /api/v1/articles/{id}`: the soft delete of the transition table; 409 when already DELETED. */
export function deleteArticle(deps: ArticleWriteDeps, caller: Caller | null, articleId: Id): Promise<Result<ArticleWritten, AppError>> {
  return changeArticle(deps, caller, articleId, (article) => applyStatusOperation(article, 'delete', deps.clock.now()));
}
