import { migrateToLatest, migrationStatus } from '../shared/platform/database/migrate.ts';
import { migrations } from './migrations.ts';
import { openSiteDatabase } from './site/site-database.ts';

/**
 * `npm run migrate [up|status]`: applies pending migrations to the profile's database, or lists every migration
 * with when it was applied. The dev host runs the same `migrateToLatest` at start; functions never migrate.
 */
const usage = 'usage: npm run migrate [up|status]   (database from PILOG_PROFILE, PILOG_DATA_DIR, PILOG_MYSQL_URL)';
const command = process.argv[2] ?? 'up';
if (command !== 'up' && command !== 'status') {
  process.stderr.write(`${usage}\n`);
  process.exit(2);
}

try {
  const handle = await openSiteDatabase(process.env, 'migrate');
  try {
    if (command === 'up') {
      const applied = await migrateToLatest(handle, migrations);
      process.stdout.write(applied.length === 0 ? `${handle.dialect}: up to date\n` : applied.map((name) => `${handle.dialect}: applied ${name}\n`).join(''));
    } else {
      for (const { name, appliedAt } of await migrationStatus(handle, migrations)) {
        process.stdout.write(`${(appliedAt ? `applied ${appliedAt.toISOString()}` : 'pending').padEnd(32)}  ${name}\n`);
      }
    }
  } finally {
    await handle.close();
  }
} catch (error) {
  process.stderr.write(`migrate ${command} failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
