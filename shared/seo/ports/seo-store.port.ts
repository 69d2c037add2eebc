import type { FeedDocument, StoredFeed } from '../domain/feeds.ts';
import type { FeedScheduleState } from '../domain/feed-schedule.ts';
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

/** Where generated feeds are kept, so that every serve instance answers with the same bytes and tags. */
export interface FeedStore {
  /** Stores the document under its name, replacing the previous one; the entity tag is derived from the bytes. */
  put(document: FeedDocument): Promise<void>;
  get(name: string): Promise<StoredFeed | null>;
  /** Drops numbered sitemap files past `count`, left from a time the site had more pages. */
  removeSitemapFilesAfter(count: number): Promise<void>;
}

/**
 * The one row saying what changed since the last generation, and the lease that lets a single generator run at a
 * time across every instance of every SEO function.
 */
export interface FeedScheduleStore {
  read(): Promise<FeedScheduleState>;
  /** Counts an applied article change made at `changedAt`. */
  recordChange(changedAt: number): Promise<void>;
  /** Takes the lease unless another holder's is still running; true when taken. */
  claim(owner: string, now: number, leaseMs: number): Promise<boolean>;
  /** Extends the lease `owner` holds; false when it holds it no longer. */
  renew(owner: string, now: number, leaseMs: number): Promise<boolean>;
  /** Records a generation of what `changeCount` described and frees the lease; false when the lease was lost. */
  complete(owner: string, changeCount: number, now: number): Promise<boolean>;
  release(owner: string): Promise<void>;
}

export interface SeoRepositories {
  readonly articles: ArticleReadModel;
  readonly feeds: FeedStore;
  readonly schedule: FeedScheduleStore;
}

/**
 * The SEO context's storage. `inTransaction` runs work against one consistent snapshot that commits or rolls back
 * as a whole: a change is never counted without being applied, and readers see either the previous set of feeds
 * or the new one, never half of each.
 */
export interface SeoStore extends SeoRepositories {
  inTransaction<T>(work: (repositories: SeoRepositories) => Promise<T>): Promise<T>;
}
