import type { Kysely } from 'kysely';
import type { BlogDatabase } from './blog-tables.ts';
import type { Article } from '../domain/article.ts';
import { articleOf, tagsOf } from './article-rows.sql.ts';

/**
 * Every article that was ever published (the published ones and those unpublished or deleted since), oldest id
 * first, in batches: what a read model of published articles is rebuilt from. `changedSince` keeps only rows
 * changed at or after that time (epoch ms).
 */
export async function* everPublishedArticles(db: Kysely<BlogDatabase>, options: { changedSince?: number; batchSize?: number } = {}): AsyncGenerator<readonly Article[]> {
  const batchSize = options.batchSize ?? 200;
  let after = 0;
  for (;;) {
    let query = db.selectFrom('blog_articles').selectAll().where('published_at', 'is not', null).where('id', '>', after);
    if (options.changedSince !== undefined) query = query.where('updated_at', '>=', options.changedSince);
    const rows = await query.orderBy('id').limit(batchSize).execute();
    if (rows.length === 0) return;
    const ids = rows.map((row) => Number(row.id));
    const tags = await tagsOf(db, ids);
    yield rows.map((row) => articleOf(row, tags.get(Number(row.id)) ?? []));
    after = ids[ids.length - 1] as number;
  }
}

export async function countEverPublished(db: Kysely<BlogDatabase>): Promise<number> {
  const row = await db.selectFrom('blog_articles').select((eb) => eb.fn.countAll<number>().as('count')).where('published_at', 'is not', null).executeTakeFirst();
  return Number(row?.count ?? 0);
}
