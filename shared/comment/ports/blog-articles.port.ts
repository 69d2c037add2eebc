import type { Id } from '../../kernel/id.ts';

/**
 * The blog's own answer to "is this article published", asked through its public read route. Only for what the
 * comment context's read model does not know yet (an article published a moment ago, its event still on the way);
 * throws UnavailableError when the blog cannot answer.
 */
export interface BlogArticles {
  isPublished(articleId: Id): Promise<boolean>;
}
