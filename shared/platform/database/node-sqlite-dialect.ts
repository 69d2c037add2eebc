import type { DatabaseSync, SQLInputValue } from 'node:sqlite';
import { CompiledQuery, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type SqliteDatabase, type SqliteDialectConfig } from 'kysely';

/** Distinct SQL texts whose prepared statements are kept: every query pilog writes, and lists of ids of many lengths. */
const KEPT_STATEMENTS = 256;

/**
 * Node's built-in `node:sqlite` seen through the better-sqlite3 shape Kysely's SQLite dialect expects (Kysely
 * 0.28 ships no dialect for it). The two differ only in how statements take parameters (spread, not an array)
 * and in how a statement says whether it returns rows (`columns()` rather than `reader`).
 *
 * Kysely prepares every query it runs; preparing costs as much as running a small select, so the statements are
 * kept by SQL text and run again with new parameters (SQLite resets a statement before each run and re-prepares it
 * itself after a schema change). A stream prepares a statement of its own, since it stays open while it is read.
 */
export function asKyselySqliteDatabase(database: DatabaseSync): SqliteDatabase {
  const kept = new Map<string, ReturnType<SqliteDatabase['prepare']>>();
  const prepare = (sql: string): ReturnType<SqliteDatabase['prepare']> => {
    const statement = database.prepare(sql);
    return {
      // INSERT … RETURNING has columns too, which is what Kysely needs to know: read rows, or count changes.
      reader: statement.columns().length > 0,
      all: (parameters) => statement.all(...(parameters as SQLInputValue[])),
      run: (parameters) => statement.run(...(parameters as SQLInputValue[])),
      iterate: (parameters) => database.prepare(sql).iterate(...(parameters as SQLInputValue[])),
    };
  };
  return {
    prepare(sql) {
      let statement = kept.get(sql);
      if (statement === undefined) {
        statement = prepare(sql);
        kept.set(sql, statement);
        if (kept.size > KEPT_STATEMENTS) kept.delete(kept.keys().next().value as string);
      }
      return statement;
    },
    close() {
      kept.clear();
      if (database.isOpen) database.close();
    },
  };
}

/**
 * Kysely's SQLite driver, starting write-ready transactions. The driver already serializes all work on its one
 * connection (a transaction holds it from BEGIN to COMMIT, so nothing of another request can interleave, even
 * though node:sqlite is synchronous). What it lacks for a shared file is `BEGIN IMMEDIATE`: a plain deferred
 * transaction that reads and then writes fails at once with SQLITE_BUSY when another process (the migrate CLI,
 * a second dev host) wrote meanwhile, whereas an immediate one takes the write lock up front and waits its turn
 * under the busy timeout.
 */
class ImmediateTransactionSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

export class NodeSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;

  constructor(database: DatabaseSync) {
    const config = { database: asKyselySqliteDatabase(database) };
    super(config);
    this.#config = config;
  }

  override createDriver(): Driver {
    return new ImmediateTransactionSqliteDriver(this.#config);
  }
}
