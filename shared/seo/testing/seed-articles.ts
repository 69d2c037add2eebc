import type { Kysely } from 'kysely';
import type { SeoDatabase } from '../adapters/seo-tables.ts';

const BATCH = 500;

/**
 * Writes `count` published articles straight into the read model (ids 1..count, bodies of `bodyBytes` characters),
 * and counts them as one change, as if their events had been applied: for tests of large sites and the benchmark,
 * where delivering 100,000 events would measure the tracker instead.
 */
export async function seedPublishedArticles(db: Kysely<SeoDatabase>, count: number, options: { bodyBytes?: number; from?: number } = {}): Promise<void> {
  const start = Date.parse('2020-01-01T00:00:00.000Z');
  const body = 'x'.repeat(options.bodyBytes ?? 200);
  const from = options.from ?? 1;
  for (let first = from; first < from + count; first += BATCH) {
    const rows = [];
    for (let id = first; id < Math.min(first + BATCH, from + count); id++) {
      const at = start + id * 1000;
      rows.push({ id, version: 1, published: 1, title: `Article ${id}`, body, created_at: at, published_at: at, last_published_at: at, changed_at: at });
    }
    await db.insertInto('seo_articles').values(rows).execute();
  }
  const newest = start + (from + count - 1) * 1000;
  await db
    .updateTable('seo_feed_state')
    .set((eb) => ({
      change_count: eb('change_count', '+', 1),
      last_change_at: eb.case().when('last_change_at', '<', newest).then(newest).else(eb.ref('last_change_at')).end(),
    }))
    .where('id', '=', 1)
    .execute();
}
