import { sql, type Kysely } from 'kysely';
import type { BlogDatabase } from './blog-tables.ts';
import { EXCERPT_LENGTH } from '../../kernel/excerpt.ts';
import type { CardRecord, ListedStatus } from '../domain/article-views.ts';
import type { ArticleReads } from '../ports/article-reads.port.ts';
import { compiledOnce } from '../../platform/database/compiled-once.ts';
import { findArticle, tagsOf } from './article-rows.sql.ts';

type Copy = 'draft' | 'published';
const copyOf = (status: ListedStatus): Copy => (status === 'PUBLISHED' ? 'published' : 'draft');

const cardColumns = (copy: Copy) =>
  [
    'blog_articles.id as id',
    sql.ref<string>(`blog_articles.${copy}_title`).as('title'),
    sql<string>`substr(${sql.ref(`blog_articles.${copy}_body`)}, 1, ${EXCERPT_LENGTH})`.as('excerpt'),
    sql.ref<string>(`blog_articles.${copy}_thumbnail_url`).as('thumbnailUrl'),
    'blog_articles.created_at as createdAt',
  ] as const;

/** A page of cards, the read everyone asks for: compiled once per status and with or without a cursor. */
const pageRows = compiledOnce({
  shapeOf: (status: ListedStatus, before: number | null, _limit: number) => `${status}:${before === null ? 'first' : 'before'}`,
  build: (db: Kysely<BlogDatabase>, status, before, limit) => {
    const query = db.selectFrom('blog_articles').select(cardColumns(copyOf(status))).where('blog_articles.status', '=', status);
    return (before === null ? query : query.where('blog_articles.id', '<', before)).orderBy('blog_articles.id', 'desc').limit(limit);
  },
  parametersOf: (status, before, limit) => (before === null ? [EXCERPT_LENGTH, status, limit] : [EXCERPT_LENGTH, status, before, limit]),
});

/**
 * The read side's SQL, the same for MySQL and SQLite. Lists cut the body to the card's excerpt in the database
 * (`substr` counts characters in both), so a page never moves whole posts over the wire.
 */
export function createSqlArticleReads(db: Kysely<BlogDatabase>): ArticleReads {
  const cards = (copy: Copy) => db.selectFrom('blog_articles').select(cardColumns(copy));

  const withTags = async (rows: ReadonlyArray<{ id: number; title: string; excerpt: string; thumbnailUrl: string; createdAt: number }>): Promise<CardRecord[]> => {
    const tags = await tagsOf(db, rows.map((row) => Number(row.id)));
    return rows.map((row) => ({
      id: Number(row.id),
      title: row.title,
      excerpt: row.excerpt,
      thumbnailUrl: row.thumbnailUrl,
      createdAt: Number(row.createdAt),
      tags: tags.get(Number(row.id)) ?? [],
    }));
  };

  return {
    page: async (status, before, limit) => withTags(await pageRows(db, status, before, limit)),

    async taggedPublished(tagName) {
      const rows = await cards('published')
        .innerJoin('blog_taggings', 'blog_taggings.article_id', 'blog_articles.id')
        .innerJoin('blog_tags', 'blog_tags.id', 'blog_taggings.tag_id')
        .where('blog_tags.name_key', '=', tagName.toLowerCase())
        .where('blog_articles.status', '=', 'PUBLISHED')
        .orderBy('blog_articles.id', 'desc')
        .execute();
      return withTags(rows);
    },

    async publishedAmong(ids) {
      if (ids.length === 0) return [];
      return withTags(await cards('published').where('blog_articles.id', 'in', [...ids]).where('blog_articles.status', '=', 'PUBLISHED').execute());
    },

    find: (articleId) => findArticle(db, articleId),

    async topTags(count) {
      const rows = await db
        .selectFrom('blog_taggings')
        .innerJoin('blog_articles', 'blog_articles.id', 'blog_taggings.article_id')
        .innerJoin('blog_tags', 'blog_tags.id', 'blog_taggings.tag_id')
        .where('blog_articles.status', '=', 'PUBLISHED')
        .select(['blog_tags.id as id', 'blog_tags.name as name', 'blog_tags.name_key as nameKey', (eb) => eb.fn.countAll<number>().as('taggings')])
        .groupBy(['blog_tags.id', 'blog_tags.name', 'blog_tags.name_key'])
        .orderBy('taggings', 'desc')
        .orderBy('nameKey')
        .orderBy('id')
        .limit(count)
        .execute();
      return rows.map((row) => ({ id: Number(row.id), name: row.name }));
    },
  };
}
