import { requireRole, type Caller } from '../../kernel/access.ts';
import type { AppError } from '../../kernel/app-error.ts';
import type { Id } from '../../kernel/id.ts';
import type { Result } from '../../kernel/result.ts';
import { operationFor } from '../domain/article-status.ts';
import { applyStatusOperation } from '../domain/article-transitions.ts';
import type { ArticleStatus } from '../domain/article.ts';
import { changeArticle, type ArticleWriteDeps, type ArticleWritten } from './write-article.ts';

/** `PATCH /api/v1/articles/{id}`: the `(asIsStatus, toBeStatus)` pair picks publish, unpublish, delete or restore (§2.1). */
export async function changeArticleStatus(
  deps: ArticleWriteDeps,
  caller: Caller | null,
  input: { readonly articleId: Id; readonly asIsStatus: ArticleStatus; readonly toBeStatus: ArticleStatus },
): Promise<Result<ArticleWritten, AppError>> {
  const allowed = requireRole(caller, 'ADMIN');
  if (!allowed.ok) return allowed;
  const operation = operationFor(input.asIsStatus, input.toBeStatus);
  if (!operation.ok) return operation;
  return changeArticle(deps, caller, input.articleId, (article) => applyStatusOperation(article, operation.value, deps.clock.now()));
}

/** `DELETE /api/v1/articles/{id}`: the soft delete of the transition table; 409 when already DELETED. */
export function deleteArticle(deps: ArticleWriteDeps, caller: Caller | null, articleId: Id): Promise<Result<ArticleWritten, AppError>> {
  return changeArticle(deps, caller, articleId, (article) => applyStatusOperation(article, 'delete', deps.clock.now()));
}
