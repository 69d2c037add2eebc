import type { FeedDocument, StoredFeed } from '../domain/feed-document.ts';

/** Where generated feeds are kept, so that every serve instance answers with the same bytes and tags. */
export interface FeedStore {
  /** Stores the document under its name, replacing the previous one; the entity tag is derived from the bytes. */
  put(document: FeedDocument): Promise<void>;
  get(name: string): Promise<StoredFeed | null>;
  /** Drops numbered sitemap files past `count`, left from a time the site had more pages. */
  removeSitemapFilesAfter(count: number): Promise<void>;
}
