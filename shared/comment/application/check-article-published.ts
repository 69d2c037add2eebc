import type { Id } from '../../kernel/id.ts';
import type { ArticleDirectory } from '../ports/read-models.port.ts';
import type { BlogArticles } from '../ports/blog-articles.port.ts';

export interface CheckArticlePublishedDeps {
  readonly articles: ArticleDirectory;
  readonly blog: BlogArticles;
}

/** Below every real event's version: the article's own events, once they arrive, replace what is remembered here. */
const ASKED_VERSION = 0;

/**
 * Read-your-write across contexts: the read model first; for an article it does not know as published (its event
 * may still be on the way, right after the publish answer) the blog itself, and a yes is remembered.
 */
export async function isArticlePublished(deps: CheckArticlePublishedDeps, articleId: Id): Promise<boolean> {
  if (await deps.articles.isPublished(articleId)) return true;
  if (!(await deps.blog.isPublished(articleId))) return false;
  await deps.articles.record(articleId, true, ASKED_VERSION);
  return true;
}
