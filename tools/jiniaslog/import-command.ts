import { parseArgs } from 'node:util';
import { migrateToLatest } from '../../shared/platform/database/migrate.ts';
import { openSiteDatabase, siteToolStamps, type SiteTables } from '../site/site-database.ts';
import { createImportContext } from './import-context.ts';
import { importArticles } from './import-articles.ts';
import { importComments } from './import-comments.ts';
import { importFolders } from './import-folders.ts';
import { importMemoReferences } from './import-memo-references.ts';
import { importMemos } from './import-memos.ts';
import { allChecksumsMatch, formatReport, progressWriter, TableTally, type ImportReport } from './import-report.ts';
import { importTags } from './import-tags.ts';
import { importUsers } from './import-users.ts';
import { openSourceDatabase } from './source-database.ts';
import { sourceTimeIn } from './source-time.ts';
import { importTable, type ImportTarget } from './table-import.ts';
import { migrations } from '../migrations.ts';

const USAGE = 'usage: npm run import:jiniaslog -- <mysql-url> [--dry-run] [--source-time-zone <Area/City|±HH:MM>] [--schema-prefix <prefix>]';

type Out = NodeJS.WritableStream & { isTTY?: boolean };

/**
 * `npm run import:jiniaslog -- <mysql-url>`: the Jinia's Log monolith's four databases on that server into the
 * profile's pilog database (PILOG_PROFILE, PILOG_DATA_DIR or PILOG_MYSQL_URL), migrating it first. Progress on
 * `progress`, the report on `out`. Answers the exit code: 0 when every checksum matches, 1 otherwise, 2 for usage.
 */
export async function runImportCommand(args: readonly string[], env: Readonly<Record<string, string | undefined>>, out: Out, progress: Out): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: { 'dry-run': { type: 'boolean', default: false }, 'source-time-zone': { type: 'string' }, 'schema-prefix': { type: 'string', default: '' } },
    });
  } catch (error) {
    progress.write(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const [url] = parsed.positionals;
  if (url === undefined || parsed.positionals.length !== 1) {
    progress.write(`${USAGE}\n`);
    return 2;
  }
  const report = await importJiniaslog({ url, dryRun: parsed.values['dry-run'], zone: parsed.values['source-time-zone'], schemaPrefix: parsed.values['schema-prefix'], env, progress });
  out.write(`${formatReport(report)}\n`);
  return report.dryRun || allChecksumsMatch(report) ? 0 : 1;
}

export interface ImportOptions {
  readonly url: string;
  readonly dryRun: boolean;
  /** Default: the source server's current offset. */
  readonly zone?: string | undefined;
  readonly schemaPrefix: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly progress: Out;
}

export async function importJiniaslog(options: ImportOptions): Promise<ImportReport> {
  const started = Date.now();
  const source = openSourceDatabase(options.url, options.schemaPrefix);
  // The source is another database altogether (the monolith's, read-only, raw rows): opened on its own.
  const target = await openSiteDatabase(options.env, 'import-jiniaslog');
  try {
    const zone = options.zone ?? (await source.serverOffset());
    options.progress.write(`[import] source time zone ${zone}${options.dryRun ? ', dry run: nothing is written' : ''}\n`);
    const context = createImportContext(source, sourceTimeIn(zone));
    if (!options.dryRun) await migrateToLatest(target, migrations);
    const into: ImportTarget = { db: target.db.withTables<SiteTables>(), dryRun: options.dryRun, stamps: siteToolStamps() };
    const taggings = new TableTally('taggings');
    const users = importUsers(context);
    const tags = importTags(context);
    const articles = importArticles(context, taggings);
    const folders = importFolders(context);
    const memos = importMemos(context);
    const references = importMemoReferences(context);
    const comments = importComments(context);
    const writer = progressWriter(options.progress);
    // In reference order: every table checks its references against the ones before it.
    await importTable(users, into, writer);
    await importTable(tags, into, writer);
    await importTable(articles, into, writer);
    await importTable(folders, into, writer);
    await importTable(memos, into, writer);
    await importTable(references, into, writer);
    await importTable(comments, into, writer);
    return { dryRun: options.dryRun, tables: [users.tally, tags.tally, articles.tally, taggings, folders.tally, memos.tally, references.tally, comments.tally], millis: Date.now() - started };
  } finally {
    await target.close();
    await source.close();
  }
}
