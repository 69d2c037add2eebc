/**
 * The embedded profile's search index (SQLite only): one row per article ever indexed, with the aggregate version
 * it was written at, and an FTS5 index over title and body kept by triggers (external content). Tombstones are
 * rows with `visible = 0` and empty text.
 */
export type SearchArticlesTable = {
  article_id: number;
  version: number;
  visible: number;
  title: string;
  body: string;
  thumbnail_url: string;
  /** JSON array of `{id, name}`. */
  tags: string;
  created_at: string;
  published_at: string;
  last_published_at: string;
  /** When the row was last written (epoch ms): a rebuild drops rows it did not rewrite and that no event touched since. */
  indexed_at: number;
};

// A type alias, not an interface: Kysely's `withTables` wants an index-compatible shape.
export type SearchTables = {
  search_articles: SearchArticlesTable;
};
