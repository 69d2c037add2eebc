import type { Kysely, Selectable } from 'kysely';
import type { RaisedEvent } from '../../events/event-definition.ts';
import { asId } from '../../kernel/id.ts';
import type { CommentDatabase } from './comment-tables.ts';
import { appendToOutbox, type OutboxStamps } from '../../platform/outbox/append-to-outbox.ts';
import type { OutboxRelay } from '../../platform/outbox/relay-outbox.ts';
import type { Comment } from '../domain/comment.ts';
import type { CommentRepository } from '../ports/comment-repository.port.ts';
import type { CommentCommentsTable } from './comment-tables.ts';
import { inTransaction } from '../../platform/database/traced-transaction.ts';

type Row = Selectable<CommentCommentsTable>;

function commentOf(row: Row): Comment {
  const author: Comment['author'] =
    row.author_id !== null
      ? { kind: 'registered', userId: Number(row.author_id) }
      : { kind: 'anonymous', name: row.guest_name ?? '', passwordHash: row.password_hash ?? '' };
  return {
    id: asId(Number(row.id)),
    articleId: asId(Number(row.article_id)),
    parentId: row.parent_id === null ? null : asId(Number(row.parent_id)),
    author,
    content: row.content,
    createdAt: Number(row.created_at),
    deleted: Number(row.deleted) === 1,
  };
}

function rowOf(comment: Comment): Row {
  const guest = comment.author.kind === 'anonymous' ? comment.author : null;
  return {
    id: comment.id,
    article_id: comment.articleId,
    parent_id: comment.parentId,
    author_id: comment.author.kind === 'registered' ? comment.author.userId : null,
    guest_name: guest?.name ?? null,
    password_hash: guest?.passwordHash ?? null,
    content: comment.content,
    created_at: comment.createdAt,
    deleted: comment.deleted ? 1 : 0,
    deleted_at: null,
  };
}

/** Comments in MySQL or SQLite through one Kysely query set; events go through the outbox in the same transaction. */
export function createSqlCommentRepository(deps: { db: Kysely<CommentDatabase>; stamps: OutboxStamps; relay: OutboxRelay }): CommentRepository {
  const { db } = deps;
  const writeWith = async (change: (trx: Kysely<CommentDatabase>) => Promise<unknown>, events: readonly RaisedEvent[]): Promise<void> => {
    const outgoing = await inTransaction(db, async (trx) => {
      await change(trx);
      return appendToOutbox(trx, events, deps.stamps);
    });
    deps.relay.publishAfterCommit(outgoing);
  };

  return {
    async findById(id) {
      const row = await db.selectFrom('comment_comments').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? commentOf(row) : null;
    },

    async listByArticle(articleId) {
      const rows = await db
        .selectFrom('comment_comments')
        .leftJoin('comment_authors', 'comment_authors.user_id', 'comment_comments.author_id')
        .selectAll('comment_comments')
        .select(['comment_authors.nick_name', 'comment_authors.pic_url'])
        .where('comment_comments.article_id', '=', articleId)
        .execute();
      return rows.map((row) => ({
        comment: commentOf(row),
        profile: row.nick_name === null ? null : { nickName: row.nick_name, picUrl: row.pic_url },
      }));
    },

    add: (comment, events) => writeWith((trx) => trx.insertInto('comment_comments').values(rowOf(comment)).execute(), events),

    markDeleted: (id, events) =>
      writeWith(
        (trx) => trx.updateTable('comment_comments').set({ deleted: 1, deleted_at: deps.stamps.clock.now() }).where('id', '=', id).where('deleted', '=', 0).execute(),
        events,
      ),

    async replacePasswordHash(id, passwordHash) {
      await db.updateTable('comment_comments').set({ password_hash: passwordHash }).where('id', '=', id).where('author_id', 'is', null).execute();
    },
  };
}
