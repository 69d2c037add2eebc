import { isoTimestamp } from '../../kernel/clock.ts';
import type { Comment } from './comment.ts';

/** What the comment context knows of a user's public profile, fed by their sign-ins. */
export interface AuthorProfile {
  readonly nickName: string;
  readonly picUrl: string | null;
}

/** Shown for a registered author whose profile has not reached this context yet, as the auth context names a nameless user. */
export const UNKNOWN_AUTHOR: AuthorProfile = { nickName: 'UNKNOWN', picUrl: null };

/** The contract's `Comment` shape (§1). */
export interface CommentView {
  readonly id: number;
  readonly content: string;
  readonly nickname: string;
  readonly authorId: number | null;
  readonly createdAt: string;
  readonly profileImageUrl: string | null;
  readonly children: CommentView[];
  readonly deleted: boolean;
}

export interface CommentWithProfile {
  readonly comment: Comment;
  /** Null for anonymous comments and for registered authors not known yet. */
  readonly profile: AuthorProfile | null;
}

const byCreation = (a: Comment, b: Comment): number => a.createdAt - b.createdAt || a.id - b.id;

function viewOf({ comment, profile }: CommentWithProfile): CommentView {
  const author = comment.author.kind === 'registered' ? (profile ?? UNKNOWN_AUTHOR) : { nickName: comment.author.name, picUrl: null };
  return {
    id: comment.id,
    // A deleted comment keeps its place (the frontend shows a placeholder while replies live) but not its words.
    content: comment.deleted ? '' : comment.content,
    nickname: author.nickName,
    authorId: comment.author.kind === 'registered' ? comment.author.userId : null,
    createdAt: isoTimestamp(comment.createdAt),
    profileImageUrl: author.picUrl,
    children: [],
    deleted: comment.deleted,
  };
}

/**
 * An article's comments as roots with their replies nested, every level oldest first (ties by id). A reply whose
 * root is missing cannot happen (deletion is soft), so one is dropped rather than shown at the wrong level.
 */
export function commentTree(comments: readonly CommentWithProfile[]): CommentView[] {
  const sorted = [...comments].sort((a, b) => byCreation(a.comment, b.comment));
  const roots = new Map<number, CommentView>();
  for (const entry of sorted) if (entry.comment.parentId === null) roots.set(entry.comment.id, viewOf(entry));
  for (const entry of sorted) {
    if (entry.comment.parentId !== null) roots.get(entry.comment.parentId)?.children.push(viewOf(entry));
  }
  return [...roots.values()];
}
