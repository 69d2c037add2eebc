import type { AppError } from '../../kernel/app-error.ts';
import { requireRole, type Caller } from '../../kernel/access.ts';
import { parseId } from '../../kernel/id.ts';
import { err, ok, type Result } from '../../kernel/result.ts';
import { viewOf, type ArticleView, type ListedStatus } from '../domain/article-views.ts';
import { blogErrors } from '../domain/blog.errors.ts';
import type { ArticleReads } from '../ports/article-reads.port.ts';
import type { ArticleReadCache } from './article-read-cache.ts';

/**
 * `GET /api/v1/articles/{id}?expectedStatus=` (§1.1): PUBLISHED is public and 404 unless the article is published
 * now; DRAFT is for ADMIN and shows the draft copy whatever the status. The id arrives as sent and is parsed after the
 * ADMIN check, so an anonymous draft read answers 401 before any 400 (§0.6).
 */
export async function readArticle(
  deps: { readonly reads: ArticleReads; readonly cache: ArticleReadCache },
  caller: Caller | null,
  input: { readonly articleId: string; readonly expectedStatus: ListedStatus },
): Promise<Result<ArticleView, AppError>> {
  const { expectedStatus } = input;
  if (expectedStatus === 'DRAFT') {
    const allowed = requireRole(caller, 'ADMIN');
    if (!allowed.ok) return allowed;
  }
  const parsed = parseId(input.articleId, 'articleId');
  if (!parsed.ok) return parsed;
  const articleId = parsed.value;
  const view = await deps.cache.detail(articleId, expectedStatus, async () => {
    const article = await deps.reads.find(articleId);
    if (article === null || (expectedStatus === 'PUBLISHED' && article.status !== 'PUBLISHED')) return null;
    return viewOf(article, expectedStatus);
  });
  return view === null ? err(blogErrors.articleNotFound(articleId)) : ok(view);
}
