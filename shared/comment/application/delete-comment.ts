import type { Caller } from '../../kernel/access.ts';
import { notFound, validationFailed, type AppError } from '../../kernel/app-error.ts';
import { parseId, type Id } from '../../kernel/id.ts';
import { err, ok, type Result } from '../../kernel/result.ts';
import { raise } from '../../events/event-definition.ts';
import { commentDeleted } from '../../events/comment-comment.events.ts';
import { deletionProof, passwordMismatch } from '../domain/comment.ts';
import type { CommentRepository } from '../ports/comment-repository.port.ts';
import type { PasswordHasher } from '../ports/password-hasher.port.ts';
import { withinLimit, type CommentLimits } from './comment-limits.ts';

export interface DeleteCommentDeps {
  readonly comments: CommentRepository;
  readonly passwords: PasswordHasher;
  readonly limits: Pick<CommentLimits, 'passwordAttemptsPerClient'>;
}

export interface DeleteCommentInput {
  readonly caller: Caller | null;
  readonly clientAddress: string;
  readonly commentId: unknown;
  /** From the JSON body; an absent body means null. */
  readonly password: unknown;
}

/**
 * §2.4 soft delete: ADMIN any comment, a registered comment by its author, an anonymous one with its password.
 * Deleting a deleted comment succeeds without a second event.
 *
 * A verified hash in an older scheme (bcrypt, from the import) is replaced by argon2id before the deletion.
 *
 * Password attempts are counted per client address before the password is checked, right ones included: a limit
 * that counted only failures would still have to let the right password through once exhausted, which would tell
 * a guesser when it found it.
 */
export async function deleteComment(deps: DeleteCommentDeps, input: DeleteCommentInput): Promise<Result<{ commentId: Id }, AppError>> {
  const commentId = parseId(input.commentId, 'commentId');
  if (!commentId.ok) return commentId;
  if (input.password !== null && input.password !== undefined && typeof input.password !== 'string') return err(validationFailed('password must be a string or null'));
  const comment = await deps.comments.findById(commentId.value);
  if (comment === null) return err(notFound(`comment ${commentId.value}`));
  const proof = deletionProof(comment, input.caller, (input.password as string | null | undefined) ?? null);
  if (!proof.ok) return proof;
  if (proof.value.kind === 'password') {
    const allowed = await withinLimit(deps.limits.passwordAttemptsPerClient, input.clientAddress);
    if (!allowed.ok) return allowed;
    if (!(await deps.passwords.verify(proof.value.hash, proof.value.password))) return err(passwordMismatch());
    // An imported bcrypt hash becomes argon2id the first time its guest proves the password.
    if (deps.passwords.needsRehash(proof.value.hash)) await deps.comments.replacePasswordHash(comment.id, await deps.passwords.hash(proof.value.password));
  }
  if (!comment.deleted) {
    await deps.comments.markDeleted(comment.id, [raise(commentDeleted, { commentId: comment.id, articleId: comment.articleId, deletedBy: input.caller?.userId ?? null }, 2)]);
  }
  return ok({ commentId: comment.id });
}
