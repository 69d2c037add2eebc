import { isoTimestamp } from '../../shared/kernel/clock.ts';
import type { Kysely } from 'kysely';
import { countEverPublished, everPublishedArticles } from '../../shared/blog/adapters/published-articles.sql.ts';
import type { Article } from '../../shared/blog/domain/article.ts';
import type { BlogDatabase } from '../../shared/blog/adapters/blog-tables.ts';
import { searchDocument, type SearchEntry } from '../../shared/search/domain/search-entry.ts';
import type { ArticleSource } from '../../shared/search/ports/article-source.port.ts';

/** An article as the search index holds it at its current version: the published document, or a tombstone. */
export function searchEntryOf(article: Article): SearchEntry {
  if (article.status !== 'PUBLISHED') return { articleId: article.id, version: article.version, document: null };
  return {
    articleId: article.id,
    version: article.version,
    document: searchDocument({
      articleId: article.id,
      ...article.published,
      tags: article.tags,
      createdAt: isoTimestamp(article.createdAt),
      publishedAt: isoTimestamp(article.publishedAt ?? article.createdAt),
      lastPublishedAt: isoTimestamp(article.lastPublishedAt ?? article.createdAt),
    }),
  };
}

/** The search context's `ArticleSource`, read from the blog's tables: the rebuild command joins the two contexts. */
export function blogArticleSource(db: Kysely<BlogDatabase>): ArticleSource {
  return {
    count: () => countEverPublished(db),
    async *entries(options = {}) {
      for await (const batch of everPublishedArticles(db, options.changedSince === undefined ? {} : { changedSince: options.changedSince })) {
        yield batch.map(searchEntryOf);
      }
    },
  };
}
