import { randomBytes } from 'node:crypto';
import { testMysqlUrl } from '../../../shared/platform/database/testing/test-databases.ts';
import { openSourceDatabase, type SourceDatabase } from '../source-database.ts';
import { dropSource, generateSource, type GeneratedSource } from './generate-source.ts';

export interface SourceFixture extends GeneratedSource {
  /** The server URL the import command takes, and the prefix of this fixture's four databases. */
  readonly url: string;
  readonly schemaPrefix: string;
  readonly query: SourceDatabase['query'];
  readonly table: SourceDatabase['table'];
  drop(): Promise<void>;
}

/** A generated monolith of its own on the test MariaDB server, under a fresh prefix. */
export async function createSourceFixture(articles: number): Promise<SourceFixture> {
  const server = new URL(testMysqlUrl());
  server.pathname = '/';
  const schemaPrefix = `src${randomBytes(4).toString('hex')}_`;
  const generated = await generateSource(server.href, schemaPrefix, { articles });
  const reader = openSourceDatabase(server.href, schemaPrefix);
  return {
    ...generated,
    url: server.href,
    schemaPrefix,
    query: reader.query,
    table: reader.table,
    async drop() {
      await reader.close();
      await dropSource(server.href, schemaPrefix);
    },
  };
}
