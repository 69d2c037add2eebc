import type { SearchEntry } from '../domain/search-entry.ts';

/**
 * Where a rebuild reads articles from (the blog's database, wired in by the rebuild command): one entry per
 * article that was ever published, a document for those published now and a tombstone for the others.
 */
export interface ArticleSource {
  count(): Promise<number>;
  /** In batches; `changedSince` (epoch ms) keeps only articles changed at or after that time. */
  entries(options?: { readonly changedSince?: number }): AsyncIterable<readonly SearchEntry[]>;
}
