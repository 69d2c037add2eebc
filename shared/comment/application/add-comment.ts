import type { Caller } from '../../kernel/access.ts';
import { appError, notFound, validationFailed, type AppError } from '../../kernel/app-error.ts';
import { isoTimestamp, type Clock } from '../../kernel/clock.ts';
import { asId, parseId, type Id } from '../../kernel/id.ts';
import { err, ok, type Result } from '../../kernel/result.ts';
import type { IdGenerator } from '../../kernel/snowflake.ts';
import { raise } from '../../events/event-definition.ts';
import { commentAdded } from '../../events/comment-comment.events.ts';
import { checkReplyTarget, parseAuthorName, parseContent, parsePassword, type Comment, type CommentAuthor } from '../domain/comment.ts';
import type { CommentRepository } from '../ports/comment-repository.port.ts';
import type { PasswordHasher } from '../ports/password-hasher.port.ts';
import { isArticlePublished, type CheckArticlePublishedDeps } from './check-article-published.ts';
import { withinLimit, type CommentLimits } from './comment-limits.ts';

export interface AddCommentDeps extends CheckArticlePublishedDeps {
  readonly comments: CommentRepository;
  readonly passwords: PasswordHasher;
  readonly limits: CommentLimits;
  readonly ids: IdGenerator;
  readonly clock: Clock;
}

/** The request as sent (§1.4); every field is checked here, in the contract's order of checks. */
export interface AddCommentInput {
  readonly caller: Caller | null;
  readonly clientAddress: string;
  readonly refId: unknown;
  readonly refType: unknown;
  readonly userName: unknown;
  readonly password: unknown;
  readonly parentId: unknown;
  readonly content: unknown;
}

const absent = (value: unknown): boolean => value === null || value === undefined;

interface CheckedInput {
  readonly articleId: Id;
  readonly parentId: Id | null;
  readonly content: string;
  readonly guest: { readonly name: string; readonly password: string } | null;
}

function checkInput(input: AddCommentInput, registered: boolean): Result<CheckedInput, AppError> {
  if (input.refType !== 'ARTICLE') return err(validationFailed('refType must be ARTICLE'));
  const articleId = parseId(input.refId, 'refId');
  if (!articleId.ok) return articleId;
  const parentId = absent(input.parentId) ? ok(null) : parseId(input.parentId, 'parentId');
  if (!parentId.ok) return parentId;
  const content = parseContent(input.content);
  if (!content.ok) return content;
  if (registered) return ok({ articleId: articleId.value, parentId: parentId.value, content: content.value, guest: null });
  const name = parseAuthorName(input.userName);
  if (!name.ok) return name;
  const password = parsePassword(input.password);
  if (!password.ok) return password;
  return ok({ articleId: articleId.value, parentId: parentId.value, content: content.value, guest: { name: name.value, password: password.value } });
}

/**
 * §2.4: a comment by the signed-in caller (no name, no password) or by a guest (name and password), on a published
 * article, optionally answering one of its root comments. Without credentials and without a session the answer is
 * 401, before anything is counted, so the frontend's refresh-and-retry costs the caller nothing.
 */
export async function addComment(deps: AddCommentDeps, input: AddCommentInput): Promise<Result<{ commentId: Id }, AppError>> {
  const registered = absent(input.userName) && absent(input.password);
  if (registered && input.caller === null) return err(appError('UNAUTHENTICATED', 'sign in, or give a name and a password'));
  const perClient = await withinLimit(deps.limits.creationPerClient, input.clientAddress);
  if (!perClient.ok) return perClient;
  const checked = checkInput(input, registered);
  if (!checked.ok) return checked;
  const { articleId, parentId, content, guest } = checked.value;
  // The article's limit is everyone's: only comments about to be stored spend it (a stranger's 400s and 404s cannot).
  const articleKey = String(articleId);
  const perArticle = await withinLimit(deps.limits.creationPerArticle, articleKey, 'check');
  if (!perArticle.ok) return perArticle;
  if (!(await isArticlePublished(deps, articleId))) return err(notFound(`article ${articleId}`));
  if (parentId !== null) {
    const parent = await deps.comments.findById(parentId);
    if (parent === null) return err(notFound(`comment ${parentId}`));
    const target = checkReplyTarget(parent, articleId);
    if (!target.ok) return target;
  }
  const spent = await withinLimit(deps.limits.creationPerArticle, articleKey);
  if (!spent.ok) return spent;

  const author: CommentAuthor =
    guest === null
      ? { kind: 'registered', userId: (input.caller as Caller).userId }
      : { kind: 'anonymous', name: guest.name, passwordHash: await deps.passwords.hash(guest.password) };
  const comment: Comment = { id: asId(deps.ids.next()), articleId, parentId, author, content, createdAt: deps.clock.now(), deleted: false };
  const added = raise(
    commentAdded,
    {
      commentId: comment.id,
      articleId,
      parentId,
      authorId: author.kind === 'registered' ? author.userId : null,
      createdAt: isoTimestamp(comment.createdAt),
    },
    1,
  );
  await deps.comments.add(comment, [added]);
  return ok({ commentId: comment.id });
}
