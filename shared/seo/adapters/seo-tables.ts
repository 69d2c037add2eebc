import type { PlatformTables } from '../../platform/database/database.ts';

/**
 * The SEO context's tables. Times are epoch milliseconds and flags 0/1 integers, which both dialects store and
 * compare alike. `seo_articles` is a read model fed by the blog's article events; the context never reads the blog's
 * own tables.
 */
export interface SeoArticlesTable {
  id: number;
  /** The aggregate version of the last event applied; 0 only for the instant between insert and update. */
  version: number;
  /** 1 while published. Unpublished and deleted articles stay as tombstones, so an older event cannot revive them. */
  published: number;
  title: string;
  body: string;
  created_at: number | null;
  published_at: number | null;
  last_published_at: number | null;
  /** When the blog made the change this row reflects (the event's time). */
  changed_at: number;
}

/** One row (id 1): what changed since the last generation, and who is generating now. */
export interface SeoFeedStateTable {
  id: number;
  /** Bumped by every applied article change. */
  change_count: number;
  /** The newest article change (publish, unpublish, delete) ever applied; feeds' `updated` and `Last-Modified`. */
  last_change_at: number;
  /** `change_count` as the last completed generation read it; null before the first generation. */
  generated_change: number | null;
  generated_at: number | null;
  lease_owner: string | null;
  lease_until: number | null;
}

/** The generated documents, served as stored. */
export interface SeoFeedsTable {
  /** `sitemap`, `sitemap/1`, `sitemap/2`, …, `rss`, `atom`. */
  name: string;
  content_type: string;
  body: string;
  etag: string;
  last_modified: number;
  generated_at: number;
}

export type SeoTables = {
  seo_articles: SeoArticlesTable;
  seo_feed_state: SeoFeedStateTable;
  seo_feeds: SeoFeedsTable;
};

/** What the seo context's adapters query: its tables (it writes no events; the platform's outbox comes with the handle). */
export type SeoDatabase = PlatformTables & SeoTables;
