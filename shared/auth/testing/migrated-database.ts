import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { openDatabase } from '../../platform/database/database.ts';
import { migrateToLatest } from '../../platform/database/migrate.ts';
import { testMysqlUrl } from '../../platform/database/testing/test-databases.ts';

export interface ProfileDatabase {
  /** The environment a function needs to open it: PILOG_PROFILE, PILOG_DATA_DIR or PILOG_MYSQL_URL. */
  readonly env: Record<string, string>;
  drop(): Promise<void>;
}

/**
 * A migrated database for a whole function under test, given to it the way production does (by environment):
 * a fresh data dir (embedded) or a fresh MySQL database on the test server (services). `drop` removes it.
 */
export async function createProfileDatabase(profile: 'embedded' | 'services'): Promise<ProfileDatabase> {
  if (profile === 'embedded') {
    const dataDir = mkdtempSync(join(tmpdir(), 'pilog-auth-'));
    const handle = await openDatabase({ profile, dataDir, mysqlUrl: '' });
    await migrateToLatest(handle);
    await handle.close();
    return { env: { PILOG_PROFILE: profile, PILOG_DATA_DIR: dataDir }, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const name = `pilog_auth_${randomBytes(5).toString('hex')}`;
  const server = new URL(testMysqlUrl());
  server.pathname = '/';
  const onServer = async (statement: string): Promise<void> => {
    const connection = await createConnection({ uri: server.href });
    await connection.query(statement).finally(() => connection.end());
  };
  await onServer(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  const url = new URL(server.href);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ profile, dataDir: '', mysqlUrl: url.href });
  await migrateToLatest(handle);
  await handle.close();
  return { env: { PILOG_PROFILE: profile, PILOG_MYSQL_URL: url.href }, drop: () => onServer(`DROP DATABASE \`${name}\``) };
}
