import { createPool, type Pool, type RowDataPacket } from 'mysql2/promise';
import { sourceSchemaName, type SourceContext } from './testing/source-schema.ts';

/**
 * The monolith's MySQL server, read-only: one database per context, named `jiniaslog_<context>` (after an optional
 * prefix). Times come back as the DATETIME text the server holds, so the zone is applied here, explicitly.
 */
export interface SourceDatabase {
  table(context: SourceContext, name: string): string;
  query<Row>(sql: string, values?: readonly unknown[]): Promise<Row[]>;
  count(table: string): Promise<number>;
  /** Rows in id order, `size` at a time, each page after the last id seen (no OFFSET rescans). */
  batches<Row extends { [key: string]: unknown }>(table: string, idColumn: string, size: number): AsyncIterable<Row[]>;
  /** The server's current offset from UTC, as ±HH:MM: the default source zone. */
  serverOffset(): Promise<string>;
  close(): Promise<void>;
}

export function openSourceDatabase(url: string, schemaPrefix: string): SourceDatabase {
  const pool: Pool = createPool({ uri: url, dateStrings: true, supportBigNumbers: true, connectionLimit: 2 });
  const query = async <Row>(sql: string, values: readonly unknown[] = []): Promise<Row[]> => {
    const [rows] = await pool.query<RowDataPacket[]>(sql, values as unknown[]);
    return rows as Row[];
  };
  return {
    table: (context, name) => `\`${sourceSchemaName(schemaPrefix, context)}\`.\`${name}\``,
    query,
    async count(table) {
      const [row] = await query<{ count: number | string }>(`SELECT COUNT(*) AS count FROM ${table}`);
      return Number(row?.count ?? 0);
    },
    async *batches<Row extends { [key: string]: unknown }>(table: string, idColumn: string, size: number) {
      let after: unknown = null;
      for (;;) {
        const rows: Row[] = await query<Row>(
          `SELECT * FROM ${table}${after === null ? '' : ` WHERE \`${idColumn}\` > ?`} ORDER BY \`${idColumn}\` LIMIT ${size}`,
          after === null ? [] : [after],
        );
        if (rows.length === 0) return;
        yield rows;
        after = rows[rows.length - 1]?.[idColumn];
        if (rows.length < size) return;
      }
    },
    async serverOffset() {
      const [row] = await query<{ seconds: number | string }>('SELECT TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(), NOW()) AS seconds');
      const minutes = Math.round(Number(row?.seconds ?? 0) / 60);
      const abs = Math.abs(minutes);
      return `${minutes < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
    },
    close: () => pool.end(),
  };
}
