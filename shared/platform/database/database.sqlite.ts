import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { Kysely } from 'kysely';
import type { DatabaseHandle, PlatformTables } from './database-handle.ts';
import { NodeSqliteDialect } from './node-sqlite-dialect.ts';

/** How long a statement waits for another process's write lock (the migrate CLI, a second dev host) before failing. */
const BUSY_TIMEOUT_MS = 5000;

/**
 * Opens (creating if needed) the SQLite file of the embedded profile. WAL lets readers in other processes go on
 * while one writes; `synchronous = NORMAL` is WAL's usual pairing: a power cut may lose the last commits, but
 * never half of one, so rows and their outbox events still stay together. Foreign keys are off in SQLite unless
 * asked for, and MySQL enforces them, so both profiles enforce them.
 */
export function openSqliteDatabase(file: string): DatabaseHandle {
  mkdirSync(dirname(file), { recursive: true });
  const sqlite = new DatabaseSync(file, { timeout: BUSY_TIMEOUT_MS, enableForeignKeyConstraints: true });
  sqlite.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;');
  const db = new Kysely<PlatformTables>({ dialect: new NodeSqliteDialect(sqlite) });
  return {
    db,
    dialect: 'sqlite',
    async close() {
      await db.destroy();
      // destroy() closes the file only if a query ever ran.
      if (sqlite.isOpen) sqlite.close();
    },
  };
}
