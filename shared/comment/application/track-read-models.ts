import type { Id } from '../../kernel/id.ts';
import type { AuthorProfile } from '../domain/comment-tree.ts';
import type { ArticleDirectory, AuthorDirectory } from '../ports/read-models.port.ts';

/** The article lifecycle changes the comment context listens to (§2.1); only publishing opens an article to comments. */
export type ArticleLifecycleChange = 'created' | 'published' | 'unpublished' | 'deleted' | 'restored';

export interface ArticleStateChange {
  readonly articleId: Id;
  readonly change: ArticleLifecycleChange;
  readonly version: number;
}

/** Records whether the article now takes comments; an older or repeated change is ignored by version. */
export async function trackArticleState(deps: { articles: ArticleDirectory }, change: ArticleStateChange): Promise<{ applied: boolean }> {
  return { applied: await deps.articles.record(change.articleId, change.change === 'published', change.version) };
}

/** Keeps the nickname and picture registered comments show; an older or repeated profile is ignored by version. */
export async function trackAuthorProfile(
  deps: { authors: AuthorDirectory },
  change: { readonly userId: number; readonly profile: AuthorProfile; readonly version: number },
): Promise<{ applied: boolean }> {
  return { applied: await deps.authors.record(change.userId, change.profile, change.version) };
}
