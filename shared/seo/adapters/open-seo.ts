import type { Platform } from '../../platform/runtime/open-platform.ts';
import type { RegenerateFeedsDeps } from '../application/regenerate-feeds.ts';
import { createMarkedRenderer } from './markdown-renderer.marked.ts';
import type { SeoConfig } from './seo-settings.ts';
import { createSqlSeoStore } from './seo-store.sql.ts';
import type { SeoTables } from './seo-tables.ts';

/**
 * What every SEO use case takes, in either profile: the store (the read model and the feeds live in the SQL
 * database), the renderer, the site and the coalescing window.
 */
export async function openSeo(platform: Platform, config: SeoConfig): Promise<RegenerateFeedsDeps> {
  const database = await platform.database();
  const store = createSqlSeoStore(database.db.withTables<SeoTables>(), database.dialect, platform.clock);
  return { store, markdown: createMarkedRenderer(), site: config.site, clock: platform.clock, coalesceMs: config.coalesceMs };
}
