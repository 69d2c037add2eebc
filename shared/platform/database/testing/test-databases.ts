import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import type { DatabaseHandle, SqlDialect } from '../database.ts';
import { SQLITE_FILE_NAME } from '../database.ts';
import { openMysqlDatabase } from '../database.mysql.ts';
import { openSqliteDatabase } from '../database.sqlite.ts';
import { migrateToLatest } from '../migrate.ts';
import { migrations } from '../../../../tools/migrations.ts';

/** Both dialects, for `describe.each`: every repository contract suite runs against each. */
export const testDialects: readonly SqlDialect[] = ['sqlite', 'mysql'];

/** The server the services profile's tests use: set by tools/services, or the usual local MariaDB. */
export const testMysqlUrl = (): string => process.env.PILOG_TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/pilog_test';

export interface TestDatabase extends DatabaseHandle {
  /** How a function under test finds the same database: PILOG_PROFILE, and PILOG_DATA_DIR or PILOG_MYSQL_URL. */
  readonly env: Readonly<Record<string, string>>;
}

/**
 * A database of its own for one suite, empty: a SQLite file in a fresh temp folder, or a freshly created MySQL
 * database (utf8mb4, as production must be) on the test server. Closing it deletes it.
 */
export async function openEmptyTestDatabase(dialect: SqlDialect): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'pilog-db-'));
    const handle = openSqliteDatabase(join(dir, SQLITE_FILE_NAME));
    return {
      ...handle,
      env: { PILOG_PROFILE: 'embedded', PILOG_DATA_DIR: dir },
      async close() {
        await handle.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `pilog_test_${randomBytes(5).toString('hex')}`;
  const server = new URL(testMysqlUrl());
  server.pathname = '/';
  const onServer = async (statement: string): Promise<void> => {
    const connection = await createConnection({ uri: server.href });
    await connection.query(statement).finally(() => connection.end());
  };
  await onServer(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  const url = new URL(server.href);
  url.pathname = `/${name}`;
  const handle = openMysqlDatabase(url.href);
  return {
    ...handle,
    env: { PILOG_PROFILE: 'services', PILOG_MYSQL_URL: url.href },
    async close() {
      await handle.close();
      await onServer(`DROP DATABASE \`${name}\``);
    },
  };
}

/** As openEmptyTestDatabase, with every migration applied. */
export async function openTestDatabase(dialect: SqlDialect): Promise<TestDatabase> {
  const handle = await openEmptyTestDatabase(dialect);
  await migrateToLatest(handle, migrations);
  return handle;
}
