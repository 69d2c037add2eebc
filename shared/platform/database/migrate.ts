import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { DatabaseHandle } from './database.ts';

/**
 * Migrations as `[name, load]`, oldest first. The platform knows none but its own; the list of every one is the
 * composition's (tools/migrations.ts), which is why callers pass it.
 */
export type MigrationList = ReadonlyArray<readonly [name: string, load: () => Promise<Migration>]>;

export interface MigrationState {
  readonly name: string;
  /** Undefined while pending. */
  readonly appliedAt: Date | undefined;
}

function migratorFor(db: Kysely<unknown>, list: MigrationList): Migrator {
  const provider: MigrationProvider = {
    getMigrations: async () => Object.fromEntries(await Promise.all(list.map(async ([name, load]): Promise<[string, Migration]> => [name, await load()]))),
  };
  return new Migrator({ db, provider });
}

/**
 * MariaDB (before 11.6) creates tables in latin1 unless the database says otherwise, and Korean text would then
 * fail to store; check before the first table is made rather than discover it on the first article.
 */
async function requireUtf8mb4(db: Kysely<unknown>): Promise<void> {
  const { rows } = await sql<{ charset: string; name: string }>`select @@character_set_database as charset, database() as name`.execute(db);
  const charset = rows[0]?.charset;
  if (charset !== 'utf8mb4') {
    throw new Error(
      `database ${rows[0]?.name} uses character set ${charset}; pilog needs utf8mb4: ` +
        `ALTER DATABASE \`${rows[0]?.name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
  }
}

/**
 * Applies every pending migration, in name order, each in its own transaction where the dialect has transactional
 * DDL (SQLite; MySQL commits DDL implicitly). Kysely's migration lock makes concurrent runs wait for each other.
 * Returns the names applied by this call; throws naming the migration that failed.
 */
export async function migrateToLatest(handle: DatabaseHandle, list: MigrationList): Promise<readonly string[]> {
  const db = handle.db as Kysely<unknown>;
  if (handle.dialect === 'mysql') await requireUtf8mb4(db);
  const { error, results = [] } = await migratorFor(db, list).migrateToLatest();
  if (error !== undefined) {
    const failed = results.find((result) => result.status === 'Error')?.migrationName;
    throw new Error(`migration ${failed ?? '(before any ran)'} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return results.map((result) => result.migrationName);
}

export async function migrationStatus(handle: DatabaseHandle, list: MigrationList): Promise<readonly MigrationState[]> {
  const infos = await migratorFor(handle.db as Kysely<unknown>, list).getMigrations();
  return infos.map((info) => ({ name: info.name, appliedAt: info.executedAt }));
}
