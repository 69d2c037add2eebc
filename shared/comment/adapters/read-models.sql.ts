import type { Kysely } from 'kysely';
import type { CommentDatabase } from './comment-tables.ts';
import type { ArticleDirectory, AuthorDirectory } from '../ports/read-models.port.ts';

/**
 * A versioned upsert both dialects run the same way: update the row if ours is newer; if no row matched, insert;
 * if the insert loses a race with another delivery's, update again (one of the two wins by version). Nothing is
 * ever overwritten by an older or equal version, so redelivery and reordering are harmless.
 */
async function recordVersioned(update: () => Promise<bigint>, insert: () => Promise<unknown>): Promise<boolean> {
  if ((await update()) > 0n) return true;
  try {
    await insert();
    return true;
  } catch (error) {
    const updated = await update();
    if (updated > 0n) return true;
    // Still nothing updated: the row exists with a version at least ours (a stale delivery), unless the insert
    // failed for another reason, which must surface.
    if (isDuplicateKey(error)) return false;
    throw error;
  }
}

const isDuplicateKey = (error: unknown): boolean => /duplicate|unique constraint|ER_DUP_ENTRY/i.test(`${(error as Error).message} ${(error as { code?: string }).code ?? ''}`);

export function createSqlArticleDirectory(db: Kysely<CommentDatabase>): ArticleDirectory {
  return {
    async isPublished(articleId) {
      const row = await db.selectFrom('comment_articles').select('published').where('article_id', '=', articleId).executeTakeFirst();
      return row !== undefined && Number(row.published) === 1;
    },

    record: (articleId, published, version) =>
      recordVersioned(
        async () =>
          (
            await db
              .updateTable('comment_articles')
              .set({ published: published ? 1 : 0, version })
              .where('article_id', '=', articleId)
              .where('version', '<', version)
              .executeTakeFirst()
          ).numUpdatedRows,
        () => db.insertInto('comment_articles').values({ article_id: articleId, published: published ? 1 : 0, version }).execute(),
      ),
  };
}

export function createSqlAuthorDirectory(db: Kysely<CommentDatabase>): AuthorDirectory {
  return {
    record: (userId, profile, version) =>
      recordVersioned(
        async () =>
          (
            await db
              .updateTable('comment_authors')
              .set({ nick_name: profile.nickName, pic_url: profile.picUrl, version })
              .where('user_id', '=', userId)
              .where('version', '<', version)
              .executeTakeFirst()
          ).numUpdatedRows,
        () => db.insertInto('comment_authors').values({ user_id: userId, nick_name: profile.nickName, pic_url: profile.picUrl, version }).execute(),
      ),
  };
}
