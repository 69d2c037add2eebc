import type { AppError } from '../../kernel/app-error.ts';
import type { Result } from '../../kernel/result.ts';
import type { Article, ArticleChange, Tag } from '../domain/article.ts';

/** What a write use case may do inside one transaction. */
export interface ArticleTransaction {
  find(articleId: number): Promise<Article | null>;
  /** The tag with this name, compared case-insensitively, or null. */
  findTag(name: string): Promise<Tag | null>;
  createTag(name: string): Promise<Tag>;
  /** Saves the article as the change left it, with its events in the outbox. A change without events saves nothing. */
  save(change: ArticleChange): Promise<void>;
}

/**
 * The write side's unit of work: `work` runs in a transaction that commits when it answers ok and rolls back when it
 * answers an error. The saved events are published after the commit. A concurrent change of the same article (or
 * a tag created by another writer at the same moment) makes the work run again on fresh state.
 */
export interface ArticleStore {
  transact<T>(work: (trx: ArticleTransaction) => Promise<Result<T, AppError>>): Promise<Result<T, AppError>>;
}
