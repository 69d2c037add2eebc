import { requireRole, type Caller } from '../../kernel/access.ts';
import type { AppError } from '../../kernel/app-error.ts';
import type { Id } from '../../kernel/id.ts';
import { err, type Result } from '../../kernel/result.ts';
import { addTag, removeTag } from '../domain/article-transitions.ts';
import { blogErrors } from '../domain/blog.errors.ts';
import { parseTagName } from '../domain/tag-name.ts';
import { changeArticle, type ArticleWriteDeps, type ArticleWritten } from './write-article.ts';

/** `POST /api/v1/articles/{id}/tags`: creates the tag on first use; a tag the article has already is a no-op (§2.2). */
export async function tagArticle(deps: ArticleWriteDeps, caller: Caller | null, input: { readonly articleId: Id; readonly tagName: string }): Promise<Result<ArticleWritten, AppError>> {
  const allowed = requireRole(caller, 'ADMIN');
  if (!allowed.ok) return allowed;
  const name = parseTagName(input.tagName);
  if (!name.ok) return name;
  return changeArticle(deps, caller, input.articleId, async (article, trx) => {
    // Checked before the tag is made, so a deleted article leaves no tag behind.
    if (article.status === 'DELETED') return err(blogErrors.articleDeleted(article.id));
    const tag = (await trx.findTag(name.value)) ?? (await trx.createTag(name.value));
    return addTag(article, tag);
  });
}

/** `DELETE /api/v1/articles/{id}/tags/{tagName}`: 404 when the article does not carry that tag, 409 when it is DELETED. */
export function untagArticle(deps: ArticleWriteDeps, caller: Caller | null, input: { readonly articleId: Id; readonly tagName: string }): Promise<Result<ArticleWritten, AppError>> {
  return changeArticle(deps, caller, input.articleId, (article) => removeTag(article, input.tagName));
}
