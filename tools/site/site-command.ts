import { parseArgs } from 'node:util';
import type { DatabaseHandle } from '../../shared/platform/database/database.ts';
import { migrateToLatest } from '../../shared/platform/database/migrate.ts';
import { exportSite } from './export-site.ts';
import { restoreSite } from './restore-site.ts';
import { openSiteDatabase, siteToolStamps, type SiteTables } from './site-database.ts';
import { SiteRefusal, siteProgress } from './site-report.ts';
import { migrations } from '../migrations.ts';

type Env = Readonly<Record<string, string | undefined>>;

/** One directory argument, the profile's database (PILOG_PROFILE, PILOG_DATA_DIR or PILOG_MYSQL_URL); 0 done, 1 refused, 2 usage. */
async function runSiteCommand(verb: 'export' | 'restore', args: readonly string[], env: Env, progress: NodeJS.WritableStream, run: (database: DatabaseHandle, dir: string) => Promise<string>, out: NodeJS.WritableStream): Promise<number> {
  let dir: string | undefined;
  try {
    const parsed = parseArgs({ args: [...args], allowPositionals: true, options: {} });
    dir = parsed.positionals.length === 1 ? parsed.positionals[0] : undefined;
  } catch (error) {
    progress.write(`${(error as Error).message}\n`);
  }
  if (dir === undefined) {
    progress.write(`usage: npm run ${verb} -- <dir>\n`);
    return 2;
  }
  const database = await openSiteDatabase(env, verb);
  try {
    out.write(`${await run(database, dir)}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof SiteRefusal)) throw error;
    progress.write(`[${verb}] refused:\n${error.problems.map((problem) => `  ${problem}`).join('\n')}\n`);
    return 1;
  } finally {
    await database.close();
  }
}

/** `npm run export -- <dir>`: the whole site as files in a new or empty directory. */
export const runExportCommand = (args: readonly string[], env: Env, out: NodeJS.WritableStream, progress: NodeJS.WritableStream): Promise<number> =>
  runSiteCommand('export', args, env, progress, async (database, dir) => {
    const summary = await exportSite(database.db.withTables<SiteTables>(), dir, siteProgress(progress, 'export'));
    return `exported ${summary.files} files, ${summary.bytes} bytes to ${dir}: ${Object.entries(summary.rows).map(([file, rows]) => `${file} ${rows}`).join(', ')}`;
  }, out);

/** `npm run restore -- <dir>`: an export back into the profile's database, which must be empty (it is migrated first). */
export const runRestoreCommand = (args: readonly string[], env: Env, out: NodeJS.WritableStream, progress: NodeJS.WritableStream): Promise<number> =>
  runSiteCommand('restore', args, env, progress, async (database, dir) => {
    await migrateToLatest(database, migrations);
    const restored = await restoreSite(database.db.withTables<SiteTables>(), dir, siteToolStamps(), siteProgress(progress, 'restore'));
    return `restored from ${dir}: ${Object.entries(restored).map(([file, rows]) => `${file} ${rows}`).join(', ')}; the read-model events wait in the outbox for events-sweep-outbox`;
  }, out);
