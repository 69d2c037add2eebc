import type { Article, Tag } from '../domain/article.ts';
import type { CardRecord, ListedStatus } from '../domain/article-views.ts';

/** The read side's queries; lists are newest (highest id) first. */
export interface ArticleReads {
  /** Articles whose status is `status`, with ids below `before` when given, at most `limit`, showing that status's copy. */
  page(status: ListedStatus, before: number | null, limit: number): Promise<readonly CardRecord[]>;
  /** Published articles carrying the tag (name compared case-insensitively), published copies. */
  taggedPublished(tagName: string): Promise<readonly CardRecord[]>;
  /** Those of `ids` that are published now, published copies, in no particular order. */
  publishedAmong(ids: readonly number[]): Promise<readonly CardRecord[]>;
  find(articleId: number): Promise<Article | null>;
  /** Tags by how many published articles carry them, then by name; tags on no published article are left out. */
  topTags(count: number): Promise<readonly Tag[]>;
}
