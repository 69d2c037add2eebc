import { openDatabase } from '../../platform/database/database.ts';
import { regenerateFeeds } from '../application/regenerate-feeds.ts';
import { seoDepsOn } from './seo-fixtures.ts';

/**
 * A feed generator that takes the lease and then never finishes (its renderer never loads), as a long generation
 * looks from outside, until the test kills it. It prints `generating` once it holds the lease.
 */
const database = await openDatabase({ profile: 'services', dataDir: '', mysqlUrl: process.env.PILOG_MYSQL_URL ?? '' });
const neverLoads = {
  load: () => {
    process.stdout.write('{"message":"generating"}\n');
    return new Promise<never>(() => {});
  },
};
await regenerateFeeds(seoDepsOn(database, { markdown: neverLoads }), 'always');
