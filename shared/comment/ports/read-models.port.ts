import type { Id } from '../../kernel/id.ts';
import type { AuthorProfile } from '../domain/comment-tree.ts';

/**
 * The comment context's own view of which articles are published, kept from the blog's article events (never by
 * reading the blog's tables). `version` is the article's aggregate version: a state older than, or as old as, the
 * one recorded is ignored, so replays and late deliveries never move an article back.
 */
export interface ArticleDirectory {
  isPublished(articleId: Id): Promise<boolean>;
  /** True when the state was recorded, false when a newer one was already there. */
  record(articleId: Id, published: boolean, version: number): Promise<boolean>;
}

/** Users' public profiles as the comment context shows them, kept from the auth context's profile events. */
export interface AuthorDirectory {
  /** True when recorded, false when a profile of the same or a newer version was already there. */
  record(userId: number, profile: AuthorProfile, version: number): Promise<boolean>;
}
