import type { AppError } from '../../kernel/app-error.ts';
import type { Result } from '../../kernel/result.ts';
import type { SearchEntry } from '../domain/search-entry.ts';
import type { SearchQuery } from '../domain/search-query.ts';

/** The search read model: OpenSearch (services) or SQLite FTS5 (embedded). */
export interface SearchIndex {
  /**
   * Applies entries, each only over an older version of its article: a stale or repeated entry changes nothing.
   * `UPSTREAM_UNAVAILABLE` when the index cannot be reached, which a retry later can fix.
   */
  write(entries: readonly SearchEntry[]): Promise<Result<void, AppError>>;
  /** Ids of published articles matching every term (words, word prefixes), best first, title over body, at most `limit`. */
  search(query: SearchQuery, limit: number): Promise<Result<readonly number[], AppError>>;
}

/** A fresh index filled beside the live one, then made live in one step. */
export interface RebuildTarget {
  /** What the target is called, for the progress display. */
  readonly name: string;
  write(entries: readonly SearchEntry[]): Promise<Result<void, AppError>>;
  /** Makes the target the index searches and writes use, and retires what it replaces. */
  promote(): Promise<void>;
}

export interface SearchIndexRebuild {
  start(): Promise<RebuildTarget>;
}
