import type { RaisedEvent } from '../../events/event-definition.ts';
import type { Id } from '../../kernel/id.ts';
import type { Comment } from '../domain/comment.ts';
import type { CommentWithProfile } from '../domain/comment-tree.ts';

/**
 * Comments and the events their changes raise. Each write stores the change and its events in one transaction
 * and hands the events on once committed, so an event is never lost nor sent for a change that rolled back.
 */
export interface CommentRepository {
  findById(id: Id): Promise<Comment | null>;
  /** Every comment of the article, deleted ones included, with the current profile of registered authors. */
  listByArticle(articleId: Id): Promise<readonly CommentWithProfile[]>;
  add(comment: Comment, events: readonly RaisedEvent[]): Promise<void>;
  markDeleted(id: Id, events: readonly RaisedEvent[]): Promise<void>;
  /** Swaps an anonymous comment's password hash (an imported bcrypt one for argon2id); no event, nothing public changed. */
  replacePasswordHash(id: Id, passwordHash: string): Promise<void>;
}
