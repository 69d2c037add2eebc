import type { ArticleReadModel } from './article-read-model.port.ts';
import type { FeedScheduleStore } from './feed-schedule.port.ts';
import type { FeedStore } from './feed-store.port.ts';

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
