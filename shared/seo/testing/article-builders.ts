import type { ArticleChange, PublishedArticle } from '../domain/published-article.ts';

const T0 = Date.parse('2025-03-20T11:52:56.000Z');
const HOUR = 3_600_000;

/** A published article; `id` also spaces its times an hour apart, so order by id and by time agree by default. */
export const aPublishedArticle = (id: number, overrides: Partial<PublishedArticle> = {}): PublishedArticle => ({
  id,
  title: `Article ${id}`,
  body: `# Article ${id}\n\nThe body of article **${id}**.`,
  createdAt: T0 + id * HOUR,
  publishedAt: T0 + id * HOUR + 60_000,
  lastPublishedAt: T0 + id * HOUR + 120_000,
  ...overrides,
});

export const published = (article: PublishedArticle, version = 1, changedAt = article.lastPublishedAt): ArticleChange => ({
  kind: 'published',
  article,
  version,
  changedAt,
});

export const withdrawn = (articleId: number, version: number, changedAt: number): ArticleChange => ({ kind: 'withdrawn', articleId, version, changedAt });
