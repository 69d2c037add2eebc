import { validationFailed, type AppError } from '../../kernel/app-error.ts';
import { parseId, type Id } from '../../kernel/id.ts';
import { err, ok, type Result } from '../../kernel/result.ts';

/** The topics a client may subscribe to (contract §3.2): where replies arrive. */
export const replyTopics = ['/topic/articleResponse', '/topic/memoResponse', '/topic/memoResponse/updateReferences'] as const;
export type ReplyTopic = (typeof replyTopics)[number];

/** The SEND destinations, used literally (there is no application prefix), each with the topic of its replies. */
export const sendDestinations = {
  '/article/updateArticle': '/topic/articleResponse',
  '/memo/updateMemo': '/topic/memoResponse',
  '/memo/updateReferences': '/topic/memoResponse/updateReferences',
} as const satisfies Readonly<Record<string, ReplyTopic>>;
export type SendDestination = keyof typeof sendDestinations;

export const isReplyTopic = (destination: string): destination is ReplyTopic => (replyTopics as readonly string[]).includes(destination);
export const isSendDestination = (destination: string): destination is SendDestination => Object.hasOwn(sendDestinations, destination);

/** Absent or null: leave that part as it is (§3.2). */
type Unchanged = null | undefined;

/** What an editor asked for, in the owning contexts' terms: the article message's swapped fields are put right here. */
export type AutosaveCommand =
  | { readonly kind: 'draft'; readonly articleId: Id; readonly title: string | Unchanged; readonly body: string | Unchanged; readonly thumbnailUrl: string | Unchanged }
  | { readonly kind: 'memo'; readonly memoId: Id; readonly title: string | Unchanged; readonly content: string | Unchanged }
  | { readonly kind: 'references'; readonly memoId: Id; readonly references: readonly Id[] | Unchanged };

/** A message that cannot be applied, with its id when that much could be read: the error reply names it. */
export interface RejectedMessage {
  readonly id: Id | null;
  readonly error: AppError;
}

const optionalText = (payload: Record<string, unknown>, field: string): Result<string | Unchanged, AppError> => {
  const value = payload[field];
  return value === undefined || value === null || typeof value === 'string' ? ok(value) : err(validationFailed(`${field} must be a string or null`));
};

function optionalIds(payload: Record<string, unknown>, field: string): Result<readonly Id[] | Unchanged, AppError> {
  const value = payload[field];
  if (value === undefined || value === null) return ok(value);
  if (!Array.isArray(value)) return err(validationFailed(`${field} must be an array of ids`));
  const ids: Id[] = [];
  for (const [index, item] of value.entries()) {
    const id = parseId(item, `${field}[${index}]`);
    if (!id.ok) return id;
    ids.push(id.value);
  }
  return ok(ids);
}

/**
 * Reads a SEND body (§3.2). Ids may be numbers or numeric strings; `type` is informational and ignored. The
 * frontend sends the article's title in `content` and its body in `title`: mapped back here, once.
 */
export function decodeAutosave(destination: SendDestination, body: string): Result<AutosaveCommand, RejectedMessage> {
  let payload: unknown;
  try {
    payload = JSON.parse(body);
  } catch {
    return err({ id: null, error: validationFailed('the message body is not valid JSON') });
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    return err({ id: null, error: validationFailed('the message body must be a JSON object') });
  }
  const fields = payload as Record<string, unknown>;
  const id = parseId(fields[destination === '/article/updateArticle' ? 'articleId' : 'id'], destination === '/article/updateArticle' ? 'articleId' : 'id');
  if (!id.ok) return err({ id: null, error: id.error });
  const rejected = (error: AppError) => err({ id: id.value, error });

  if (destination === '/article/updateArticle') {
    const title = optionalText(fields, 'content');
    const articleBody = optionalText(fields, 'title');
    const thumbnailUrl = optionalText(fields, 'thumbnailUrl');
    if (!title.ok) return rejected(title.error);
    if (!articleBody.ok) return rejected(articleBody.error);
    if (!thumbnailUrl.ok) return rejected(thumbnailUrl.error);
    return ok({ kind: 'draft', articleId: id.value, title: title.value, body: articleBody.value, thumbnailUrl: thumbnailUrl.value });
  }
  if (destination === '/memo/updateMemo') {
    const title = optionalText(fields, 'title');
    const content = optionalText(fields, 'content');
    if (!title.ok) return rejected(title.error);
    if (!content.ok) return rejected(content.error);
    return ok({ kind: 'memo', memoId: id.value, title: title.value, content: content.value });
  }
  const references = optionalIds(fields, 'references');
  if (!references.ok) return rejected(references.error);
  return ok({ kind: 'references', memoId: id.value, references: references.value });
}
