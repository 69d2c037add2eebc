import type { Kysely } from 'kysely';
import { systemClock } from '../../kernel/clock.ts';
import { openDatabase } from '../../platform/database/database.ts';
import type { SeoTables } from '../adapters/seo-tables.ts';
import { createSqlSeoStore } from '../adapters/seo-store.sql.ts';
import { regenerateFeeds } from '../application/regenerate-feeds.ts';
import { testSite } from './test-site.ts';

/**
 * A feed generator that takes the lease and then never finishes (its renderer never loads), as a long generation
 * looks from outside, until the test kills it. It prints `generating` once it holds the lease.
 */
const database = await openDatabase({ profile: 'services', dataDir: '', mysqlUrl: process.env.PILOG_MYSQL_URL ?? '' });
const store = createSqlSeoStore(database.db.withTables<SeoTables>(), database.dialect, systemClock);
const neverLoads = {
  load: () => {
    process.stdout.write('{"message":"generating"}\n');
    return new Promise<never>(() => {});
  },
};
await regenerateFeeds({ store, markdown: neverLoads, site: testSite, clock: systemClock, coalesceMs: 0 }, 'always');
