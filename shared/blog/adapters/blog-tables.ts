import type { PlatformTables } from '../../platform/database/database.ts';

/**
 * The blog context's tables. Times are epoch milliseconds, like every pilog table. The two copies of an article
 * (§2.1) are columns of its row: they are always read and written with it.
 */
export interface BlogArticlesTable {
  id: number;
  /** DRAFT, PUBLISHED or DELETED. */
  status: string;
  draft_title: string;
  draft_body: string;
  draft_thumbnail_url: string;
  published_title: string;
  published_body: string;
  published_thumbnail_url: string;
  created_at: number;
  published_at: number | null;
  last_published_at: number | null;
  /** When the row last changed: the search rebuild's catch-up pass reads what changed while it ran. */
  updated_at: number;
  /** The aggregate version, also stamped on every event; writes compare and set it. */
  version: number;
}

export interface BlogTagsTable {
  id: number;
  /** The first spelling used. */
  name: string;
  /** The name lower-cased: unique, so names are unique case-insensitively in both dialects. */
  name_key: string;
  created_at: number;
}

export interface BlogTaggingsTable {
  article_id: number;
  tag_id: number;
  created_at: number;
}

export type BlogTables = {
  blog_articles: BlogArticlesTable;
  blog_tags: BlogTagsTable;
  blog_taggings: BlogTaggingsTable;
};

/** What the blog context's adapters query: its tables, and the outbox its writes append to in the same transaction. */
export type BlogDatabase = PlatformTables & BlogTables;
