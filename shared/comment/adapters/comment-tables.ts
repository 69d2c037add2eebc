import type { PlatformTables } from '../../platform/database/database.ts';

/**
 * The comment context's tables. Times are epoch milliseconds and flags 0/1 integers, which both dialects store and
 * compare alike. `comment_articles` and `comment_authors` are read models fed by other contexts' events.
 */
export interface CommentCommentsTable {
  id: number;
  article_id: number;
  parent_id: number | null;
  /** Set for a registered comment; null for an anonymous one. */
  author_id: number | null;
  /** Anonymous comments only: the name given and the argon2id hash of the password. */
  guest_name: string | null;
  password_hash: string | null;
  content: string;
  created_at: number;
  deleted: number;
  deleted_at: number | null;
}

export interface CommentArticlesTable {
  article_id: number;
  published: number;
  /** The article's aggregate version this row reflects. */
  version: number;
}

export interface CommentAuthorsTable {
  user_id: number;
  nick_name: string;
  pic_url: string | null;
  version: number;
}

export type CommentTables = {
  comment_comments: CommentCommentsTable;
  comment_articles: CommentArticlesTable;
  comment_authors: CommentAuthorsTable;
};

/** What the comment context's adapters query: its tables, and the outbox its writes append to in the same transaction. */
export type CommentDatabase = PlatformTables & CommentTables;
