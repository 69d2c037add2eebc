import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Article, ArticleStatus, Tag } from '../domain/article.ts';
import { compiledOnce } from '../../platform/database/compiled-once.ts';
import type { BlogArticlesTable, BlogDatabase } from './blog-tables.ts';

/** Row ↔ aggregate mapping and the tag query every article read needs; shared by the store and the reads. */

export const articleOf = (row: Selectable<BlogArticlesTable>, tags: readonly Tag[]): Article => ({
  id: Number(row.id),
  status: row.status as ArticleStatus,
  draft: { title: row.draft_title, body: row.draft_body, thumbnailUrl: row.draft_thumbnail_url },
  published: { title: row.published_title, body: row.published_body, thumbnailUrl: row.published_thumbnail_url },
  tags,
  createdAt: Number(row.created_at),
  publishedAt: row.published_at === null ? null : Number(row.published_at),
  lastPublishedAt: row.last_published_at === null ? null : Number(row.last_published_at),
  version: Number(row.version),
});

export const rowOf = (article: Article, now: number): Insertable<BlogArticlesTable> => ({
  id: article.id,
  status: article.status,
  draft_title: article.draft.title,
  draft_body: article.draft.body,
  draft_thumbnail_url: article.draft.thumbnailUrl,
  published_title: article.published.title,
  published_body: article.published.body,
  published_thumbnail_url: article.published.thumbnailUrl,
  created_at: article.createdAt,
  published_at: article.publishedAt,
  last_published_at: article.lastPublishedAt,
  updated_at: now,
  version: article.version,
});

/** Compiled once per number of articles (every page asks for its articles' tags). */
const taggingsOf = compiledOnce({
  shapeOf: (articleIds: readonly number[]) => String(articleIds.length),
  build: (db: Kysely<BlogDatabase>, articleIds) =>
    db
      .selectFrom('blog_taggings')
      .innerJoin('blog_tags', 'blog_tags.id', 'blog_taggings.tag_id')
      .select(['blog_taggings.article_id as articleId', 'blog_tags.id as id', 'blog_tags.name as name'])
      .where('blog_taggings.article_id', 'in', [...articleIds])
      .orderBy('blog_taggings.created_at')
      .orderBy('blog_tags.id'),
  parametersOf: (articleIds) => articleIds,
});

/** The tags of each article, in the order they were added. */
export async function tagsOf(db: Kysely<BlogDatabase>, articleIds: readonly number[]): Promise<Map<number, Tag[]>> {
  const byArticle = new Map<number, Tag[]>(articleIds.map((id) => [id, []]));
  if (articleIds.length === 0) return byArticle;
  const rows = await taggingsOf(db, articleIds);
  for (const row of rows) byArticle.get(Number(row.articleId))?.push({ id: Number(row.id), name: row.name });
  return byArticle;
}

/** `forUpdate` (MySQL, inside a transaction) locks the row until the commit, so concurrent writers queue. */
export async function findArticle(db: Kysely<BlogDatabase>, articleId: number, options: { forUpdate?: boolean } = {}): Promise<Article | null> {
  const query = db.selectFrom('blog_articles').selectAll().where('id', '=', articleId);
  const row = await (options.forUpdate ? query.forUpdate() : query).executeTakeFirst();
  if (row === undefined) return null;
  return articleOf(row, (await tagsOf(db, [articleId])).get(articleId) ?? []);
}
