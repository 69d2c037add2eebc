import { join } from 'node:path';
import { requireSetting } from '../config/platform-settings.ts';
import type { DatabaseHandle } from './database-handle.ts';

// The types live apart so the dialect modules can use them without importing the loaders below (a cycle).
export type { DatabaseHandle, PlatformTables, SqlDialect } from './database-handle.ts';

export interface DatabaseSettings {
  readonly profile: 'embedded' | 'services';
  readonly dataDir: string;
  readonly mysqlUrl: string;
}

export const SQLITE_FILE_NAME = 'pilog.sqlite';

/**
 * The profile's database: SQLite in the data dir (embedded) or MySQL/MariaDB (services). Each driver is imported
 * only when chosen, so a function's cold start loads one of them. Never migrates: that is `npm run migrate`'s
 * job and the dev host's, not a function's.
 */
export async function openDatabase(settings: DatabaseSettings): Promise<DatabaseHandle> {
  if (settings.profile === 'embedded') {
    const { openSqliteDatabase } = await import('./database.sqlite.ts');
    return openSqliteDatabase(join(settings.dataDir, SQLITE_FILE_NAME));
  }
  const { openMysqlDatabase } = await import('./database.mysql.ts');
  return openMysqlDatabase(requireSetting(settings.mysqlUrl, 'PILOG_MYSQL_URL', 'in the services profile'));
}
