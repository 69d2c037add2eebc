import type { AuthorProfile } from '../domain/comment-tree.ts';

/** Users' public profiles as the comment context shows them, kept from the auth context's profile events. */
export interface AuthorDirectory {
  /** True when recorded, false when a profile of the same or a newer version was already there. */
  record(userId: number, profile: AuthorProfile, version: number): Promise<boolean>;
}
