import type { ConfigOf } from '../../platform/config/load-config.ts';
import type { Platform } from '../../platform/runtime/open-platform.ts';
import type { AddCommentDeps } from '../application/add-comment.ts';
import type { ArticleDirectory, AuthorDirectory } from '../ports/read-models.port.ts';
import { createHttpBlogArticles } from './blog-articles.http.ts';
import type { commentSettings } from './comment-settings.ts';
import { createSqlCommentRepository } from './comment-repository.sql.ts';
import type { CommentTables } from './comment-tables.ts';
import { createArgon2PasswordHasher } from './password-hasher.argon2.ts';
import { createSqlArticleDirectory, createSqlAuthorDirectory } from './read-models.sql.ts';

/**
 * The comment use cases' dependencies on the platform: comments (rows and outbox in one transaction, the relay
 * after commit), the article read model, the blog's public read route for articles it does not know yet, and
 * rate counters (in Redis with services, shared by every instance; in memory when embedded).
 */
export async function openComment(platform: Platform, config: ConfigOf<typeof commentSettings>): Promise<AddCommentDeps> {
  const [database, ids, relay, limiters] = await Promise.all([platform.database(), platform.ids(), platform.relay(), platform.rateLimiters()]);
  const db = database.db.withTables<CommentTables>();
  const { clock } = platform;
  return {
    comments: createSqlCommentRepository({ db, stamps: { ids, clock }, relay }),
    articles: createSqlArticleDirectory(db),
    blog: createHttpBlogArticles(config.blogReadUrl),
    passwords: createArgon2PasswordHasher(),
    limits: {
      creationPerClient: limiters('comment-client', config.creationRate),
      creationPerArticle: limiters('comment-article', config.creationRate),
      passwordAttemptsPerClient: limiters('comment-password', config.passwordRate),
    },
    ids,
    clock,
  };
}

/** The read models the comment context keeps from other contexts' events: articles' states, authors' profiles. */
export async function openCommentReadModels(platform: Platform): Promise<{ articles: ArticleDirectory; authors: AuthorDirectory }> {
  const db = (await platform.database()).db.withTables<CommentTables>();
  return { articles: createSqlArticleDirectory(db), authors: createSqlAuthorDirectory(db) };
}
