import type { AppError } from '../../kernel/app-error.ts';
import { requireRole, type Caller } from '../../kernel/access.ts';
import { ok, type Result } from '../../kernel/result.ts';
import type { IdGenerator } from '../../kernel/snowflake.ts';
import { newArticle } from '../domain/article-transitions.ts';
import { invalidateAfter, type ArticleWriteDeps, type ArticleWritten } from './write-article.ts';

/** `POST /api/v1/articles`: a new DRAFT with both copies empty (§2.1). */
export async function createArticle(deps: ArticleWriteDeps & { readonly ids: IdGenerator }, caller: Caller | null): Promise<Result<ArticleWritten, AppError>> {
  const allowed = requireRole(caller, 'ADMIN');
  if (!allowed.ok) return allowed;
  const change = newArticle(deps.ids.next(), deps.clock.now());
  const saved = await deps.store.transact(async (trx) => {
    await trx.save(change);
    return ok(change);
  });
  if (!saved.ok) return saved;
  await invalidateAfter(deps, change);
  return ok({ articleId: change.after.id });
}
