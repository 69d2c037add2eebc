import type { Tag } from '../domain/article.ts';
import type { ArticleReads } from '../ports/article-reads.port.ts';
import type { ArticleReadCache } from './article-read-cache.ts';

/** `GET /api/v1/tags/top?n=`: the tags most carried by published articles, count desc then name (§1.1, §2.2). */
export function listTopTags(deps: { readonly reads: ArticleReads; readonly cache: ArticleReadCache }, count: number): Promise<readonly Tag[]> {
  return deps.cache.topTags(count, () => deps.reads.topTags(count));
}
