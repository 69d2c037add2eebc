import { mkdir, open, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { tagsOf } from '../../shared/blog/adapters/article-rows.sql.ts';
import type { BlogArticlesTable } from '../../shared/blog/adapters/blog-tables.ts';
import type { SiteDatabase } from './site-database.ts';
import { articleFileName, formatArticle } from './article-file.ts';
import { SiteRefusal, type SiteProgress } from './site-report.ts';
import { recordsAfterArticles, recordsBeforeArticles, type SiteRecords, type SiteRow } from './site-records.ts';
import type { BlogDatabase } from '../../shared/blog/adapters/blog-tables.ts';

export const ARTICLES_DIR = 'articles';
const PAGE = 500;

export interface ExportSummary {
  readonly files: number;
  readonly bytes: number;
  /** Rows per file (articles: files under `articles/`). */
  readonly rows: Readonly<Record<string, number>>;
}

type AnyTables = Kysely<Record<string, SiteRow>>;

async function countOf(db: AnyTables, table: string): Promise<number> {
  const row = await db.selectFrom(table).select((eb) => eb.fn.countAll().as('count')).executeTakeFirstOrThrow();
  return Number(row.count);
}

async function* pages(db: AnyTables, table: string, orderBy: readonly string[]): AsyncIterable<SiteRow[]> {
  for (let offset = 0; ; offset += PAGE) {
    let query = db.selectFrom(table).selectAll();
    for (const column of orderBy) query = query.orderBy(column);
    const rows = await query.limit(PAGE).offset(offset).execute();
    if (rows.length === 0) return;
    yield rows;
  }
}

/**
 * The whole site into `dir` (new or empty): a Markdown file per article under `articles/` and a JSON-lines file per
 * other table. Read in one transaction, so a backup of a live site is one consistent moment. The files hold no time
 * of their own: the same site exports to the same bytes.
 */
export async function exportSite(database: Kysely<SiteDatabase>, dir: string, progress: SiteProgress): Promise<ExportSummary> {
  await mkdir(join(dir, ARTICLES_DIR), { recursive: true });
  const present = (await readdir(dir)).filter((name) => name !== ARTICLES_DIR);
  if (present.length > 0 || (await readdir(join(dir, ARTICLES_DIR))).length > 0) throw new SiteRefusal([`${dir} is not empty: export writes into a new or empty directory`]);
  let files = 0;
  let bytes = 0;
  const rows: Record<string, number> = {};
  const write = async (path: string, chunks: Iterable<string> | AsyncIterable<string>) => {
    const handle = await open(path, 'w');
    try {
      for await (const chunk of chunks) {
        await handle.write(chunk);
        bytes += Buffer.byteLength(chunk);
      }
    } finally {
      await handle.close();
    }
    files += 1;
  };
  await database.transaction().execute(async (trx) => {
    const db = trx as unknown as AnyTables;
    const exportRecords = async (spec: SiteRecords) => {
      const total = await countOf(db, spec.table);
      let done = 0;
      await write(
        join(dir, spec.file),
        (async function* () {
          for await (const page of pages(db, spec.table, spec.orderBy)) {
            yield page.map((row) => `${JSON.stringify(spec.record(row))}\n`).join('');
            done += page.length;
            progress(spec.file, done, total);
          }
        })(),
      );
      rows[spec.file] = done;
      progress(spec.file, done, total, true);
    };
    for (const spec of recordsBeforeArticles) await exportRecords(spec);
    const total = await countOf(db, 'blog_articles');
    let done = 0;
    for await (const page of pages(db, 'blog_articles', ['id'])) {
      const tags = await tagsOf(trx as unknown as Kysely<BlogDatabase>, page.map((row) => Number(row.id)));
      for (const row of page as unknown as BlogArticlesTable[]) {
        await write(join(dir, ARTICLES_DIR, articleFileName(Number(row.id))), [formatArticle(row, tags.get(Number(row.id)) ?? [])]);
      }
      done += page.length;
      progress(ARTICLES_DIR, done, total);
    }
    rows[ARTICLES_DIR] = done;
    progress(ARTICLES_DIR, done, total, true);
    for (const spec of recordsAfterArticles) await exportRecords(spec);
  });
  return { files, bytes, rows };
}
