import { isAdmin, type Caller } from '../../kernel/access.ts';
import { appError, validationFailed, type AppError } from '../../kernel/app-error.ts';
import type { Id } from '../../kernel/id.ts';
import { err, ok, type Result } from '../../kernel/result.ts';

export const MAX_CONTENT_CHARACTERS = 1000;
export const MAX_NAME_CHARACTERS = 20;
/** argon2 itself takes more, but bcrypt stops at 72 bytes and the contract keeps the door open for either (§2.4). */
export const MAX_PASSWORD_BYTES = 72;

/** Who wrote a comment: a signed-in user (shown with their current profile), or a guest holding a password. */
export type CommentAuthor =
  | { readonly kind: 'registered'; readonly userId: number }
  | { readonly kind: 'anonymous'; readonly name: string; readonly passwordHash: string };

export interface Comment {
  readonly id: Id;
  readonly articleId: Id;
  /** Null for a root comment; replies hang off roots only (two levels, as the frontend renders them). */
  readonly parentId: Id | null;
  readonly author: CommentAuthor;
  /** Plain text, stored and returned as written: the frontend renders it, nothing here interprets markup. */
  readonly content: string;
  readonly createdAt: number;
  readonly deleted: boolean;
}

/** Characters as a reader counts them: code points, so one emoji is one character, not two UTF-16 units. */
const characters = (text: string): number => [...text].length;

export function parseContent(raw: unknown): Result<string, AppError> {
  if (typeof raw !== 'string' || raw.trim() === '') return err(validationFailed('content must not be blank'));
  if (characters(raw) > MAX_CONTENT_CHARACTERS) return err(validationFailed(`content must be at most ${MAX_CONTENT_CHARACTERS} characters`));
  return ok(raw);
}

export function parseAuthorName(raw: unknown): Result<string, AppError> {
  if (typeof raw !== 'string' || raw.trim() === '') return err(validationFailed('userName is required for a comment without sign-in'));
  const name = raw.trim();
  if (characters(name) > MAX_NAME_CHARACTERS) return err(validationFailed(`userName must be at most ${MAX_NAME_CHARACTERS} characters`));
  return ok(name);
}

export function parsePassword(raw: unknown): Result<string, AppError> {
  if (typeof raw !== 'string' || raw === '') return err(validationFailed('password is required for a comment without sign-in'));
  if (new TextEncoder().encode(raw).length > MAX_PASSWORD_BYTES) return err(validationFailed(`password must be at most ${MAX_PASSWORD_BYTES} bytes`));
  return ok(raw);
}

/** A reply must answer a live root comment of the same article (§2.4); anything else is the caller's mistake. */
export function checkReplyTarget(parent: Comment, articleId: Id): Result<Comment, AppError> {
  if (parent.articleId !== articleId) return err(validationFailed('parentId belongs to another article'));
  if (parent.parentId !== null) return err(validationFailed('replies can only answer a root comment'));
  if (parent.deleted) return err(validationFailed('cannot reply to a deleted comment'));
  return ok(parent);
}

/**
 * How a deletion must be proven, by who is asking (§2.4). ADMIN deletes anything; a registered comment belongs to
 * its author alone; an anonymous comment needs its password, checked by the caller of this rule since hashing is
 * not the domain's business.
 */
export type DeletionProof = { readonly kind: 'allowed' } | { readonly kind: 'password'; readonly password: string; readonly hash: string };

export function deletionProof(comment: Comment, caller: Caller | null, password: string | null): Result<DeletionProof, AppError> {
  if (caller !== null && isAdmin(caller)) return ok({ kind: 'allowed' });
  if (comment.author.kind === 'registered') {
    if (caller === null) return err(appError('UNAUTHENTICATED', 'sign-in required to delete this comment'));
    if (caller.userId !== comment.author.userId) return err(appError('NOT_OWNER', 'only the author may delete this comment'));
    return ok({ kind: 'allowed' });
  }
  if (password === null || password === '') return err(validationFailed('password is required to delete this comment'));
  return ok({ kind: 'password', password, hash: comment.author.passwordHash });
}

export const passwordMismatch = (): AppError => appError('PASSWORD_MISMATCH', 'the password does not match');
