import { Type } from '@sinclair/typebox';
import { defineEvent } from './event-definition.ts';

/**
 * Comments as other contexts may see them (topic `pilog.comment.comment`, key = comment id). Nothing consumes them
 * yet; they exist because every state change is recorded through the outbox, so a later consumer (notifications, a
 * moderation queue) can start from the topic instead of reading the comment tables. Content and passwords stay in
 * the comment context.
 */
const commentId = Type.Integer({ minimum: 1, description: 'comment id' });
const byComment = (data: { commentId: number }) => String(data.commentId);
const comment = { context: 'comment', aggregate: 'comment', version: 1, aggregateId: byComment } as const;

export const commentAdded = defineEvent({
  ...comment,
  event: 'added',
  data: Type.Object({
    commentId,
    articleId: Type.Integer({ minimum: 1 }),
    parentId: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()]),
    /** Null for an anonymous comment. */
    authorId: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()]),
    createdAt: Type.String({ format: 'date-time' }),
  }),
});

export const commentDeleted = defineEvent({
  ...comment,
  event: 'deleted',
  data: Type.Object({ commentId, articleId: Type.Integer({ minimum: 1 }), deletedBy: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()]) }),
});

export const commentEvents = [commentAdded, commentDeleted] as const;
