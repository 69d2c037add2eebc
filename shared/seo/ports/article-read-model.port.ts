import type { ArticleChange, PublishedArticle } from '../domain/published-article.ts';

/** A published article's place in the sitemap. */
export interface SitemapEntry {
  readonly id: number;
  readonly lastPublishedAt: number;
}

/** The published articles as the SEO context knows them from the blog's events. */
export interface ArticleReadModel {
  /** Applies the change unless the article is already at that version or newer; true when it was applied. */
  apply(change: ArticleChange): Promise<boolean>;
  /** The newest `lastPublishedAt` of any published article; null while none is published. */
  newestPublication(): Promise<number | null>;
  /** Published articles with an id below `beforeId` (all when null), id descending, at most `limit`: one keyset page. */
  sitemapEntries(beforeId: number | null, limit: number): Promise<readonly SitemapEntry[]>;
  /** The `limit` most recently first-published articles, newest first (ties by id descending). */
  newest(limit: number): Promise<readonly PublishedArticle[]>;
}
