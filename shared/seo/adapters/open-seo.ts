import type { Kysely } from 'kysely';
import { systemClock } from '../../kernel/clock.ts';
import { openDatabase } from '../../platform/database/database.ts';
import type { RegenerateFeedsDeps } from '../application/regenerate-feeds.ts';
import { createMarkedRenderer } from './markdown-renderer.marked.ts';
import type { SeoConfig } from './seo-settings.ts';
import { createSqlSeoStore } from './seo-store.sql.ts';
import type { SeoTables } from './seo-tables.ts';

export interface SeoWiring {
  /** What every SEO use case takes: the store, the renderer, the site and the coalescing window. */
  readonly deps: RegenerateFeedsDeps;
  close(): Promise<void>;
}

/** The adapters every SEO function uses, in either profile: the read model and the feeds live in the SQL database. */
export async function openSeo(config: SeoConfig): Promise<SeoWiring> {
  const database = await openDatabase(config.database);
  const store = createSqlSeoStore(database.db.withTables<SeoTables>(), database.dialect, systemClock);
  return {
    deps: { store, markdown: createMarkedRenderer(), site: config.site, clock: systemClock, coalesceMs: config.coalesceMs },
    close: () => database.close(),
  };
}
