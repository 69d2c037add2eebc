import type { Id } from '../../kernel/id.ts';
import type { ArticleDirectory } from '../ports/article-directory.port.ts';

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
