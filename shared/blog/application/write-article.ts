import type { AppError } from '../../kernel/app-error.ts';
import type { Clock } from '../../kernel/clock.ts';
import type { Caller } from '../../kernel/access.ts';
import { requireRole } from '../../kernel/access.ts';
import { err, ok, type Result } from '../../kernel/result.ts';
import type { Article, ArticleChange } from '../domain/article.ts';
import { blogErrors } from '../domain/blog.errors.ts';
import type { ArticleStore, ArticleTransaction } from '../ports/article-store.port.ts';
import type { ArticleReadCache } from './article-read-cache.ts';

/** What every write use case needs. */
export interface ArticleWriteDeps {
  readonly store: ArticleStore;
  readonly cache: Pick<ArticleReadCache, 'invalidate'>;
  readonly clock: Clock;
}

export interface ArticleWritten {
  readonly articleId: number;
}

/**
 * The shape of every change to an existing article: ADMIN only, then (in one transaction) load it or 404, decide
 * the change with the aggregate, save it with its events; after the commit, retire the cached reads it touched.
 */
export async function changeArticle(
  deps: ArticleWriteDeps,
  caller: Caller | null,
  articleId: number,
  decide: (article: Article, trx: ArticleTransaction) => Promise<Result<ArticleChange, AppError>> | Result<ArticleChange, AppError>,
): Promise<Result<ArticleWritten, AppError>> {
  const allowed = requireRole(caller, 'ADMIN');
  if (!allowed.ok) return allowed;
  const outcome = await deps.store.transact(async (trx) => {
    const article = await trx.find(articleId);
    if (article === null) return err(blogErrors.articleNotFound(articleId));
    const change = await decide(article, trx);
    if (!change.ok) return change;
    await trx.save(change.value);
    return ok(change.value);
  });
  if (!outcome.ok) return outcome;
  await invalidateAfter(deps, outcome.value);
  return ok({ articleId });
}

export async function invalidateAfter(deps: Pick<ArticleWriteDeps, 'cache'>, change: ArticleChange): Promise<void> {
  if (change.events.length === 0) return;
  await deps.cache.invalidate(change.after.id, [change.before?.status ?? change.after.status, change.after.status]);
}
