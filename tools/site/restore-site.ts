import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { tagKey } from '../../shared/blog/domain/tag-name.ts';
import type { SiteDatabase } from './site-database.ts';
import { decode } from '../../shared/platform/schema/decode.ts';
import type { OutboxStamps } from '../../shared/platform/outbox/append-to-outbox.ts';
import { articleFileName, parseArticle, type ArticleFile } from './article-file.ts';
import { ARTICLES_DIR } from './export-site.ts';
import { articlePublishedEvent, writeWithEvents } from './read-model-events.ts';
import { SiteRefusal, type SiteProgress } from './site-report.ts';
import { recordsAfterArticles, recordsBeforeArticles, tags, type SiteRecords, type SiteRow } from './site-records.ts';

const BATCH = 500;
const MAX_PROBLEMS_SHOWN = 50;
const allRecords = [...recordsBeforeArticles, ...recordsAfterArticles];

interface Located<T> {
  readonly value: T;
  readonly line: number;
}

/** Every file read and checked before anything is written: a restore is refused whole, with each problem's file:line. */
async function readSite(dir: string) {
  const problems: string[] = [];
  const records = new Map<SiteRecords, Located<Record<string, unknown>>[]>();
  const keys = new Map<string, Set<string>>();
  for (const spec of allRecords) {
    const located: Located<Record<string, unknown>>[] = [];
    const seen = new Map<string, number>();
    const text = await readFile(join(dir, spec.file), 'utf8').catch(() => null);
    if (text === null) problems.push(`${spec.file}: missing`);
    else if (text !== '' && !text.endsWith('\n')) problems.push(`${spec.file}: the last line has no newline (a cut-off file?)`);
    else
      text
        .slice(0, -1)
        .split('\n')
        .forEach((json, index) => {
          if (text === '') return;
          const at = `${spec.file}:${index + 1}`;
          let value: unknown;
          try {
            value = JSON.parse(json);
          } catch {
            return void problems.push(`${at}: not a JSON line`);
          }
          const checked = decode(spec.schema, value, 'record');
          if (!checked.ok) return void problems.push(`${at}: ${checked.error.message}`);
          const key = spec.key(checked.value);
          const earlier = seen.get(key);
          if (earlier !== undefined) return void problems.push(`${at}: the same ${spec.file === 'tags.jsonl' ? 'name' : 'key'} as line ${earlier}`);
          seen.set(key, index + 1);
          located.push({ value: checked.value, line: index + 1 });
        });
    records.set(spec, located);
    keys.set(spec.file, new Set(seen.keys()));
  }
  const articles: ArticleFile[] = [];
  const names = await readdir(join(dir, ARTICLES_DIR)).catch(() => null);
  if (names === null) problems.push(`${ARTICLES_DIR}/: missing`);
  for (const name of (names ?? []).sort()) {
    const at = `${ARTICLES_DIR}/${name}`;
    const parsed = parseArticle(await readFile(join(dir, ARTICLES_DIR, name), 'utf8'));
    if (!parsed.ok) problems.push(`${at}:${parsed.error.line}: ${parsed.error.message}`);
    else if (articleFileName(parsed.value.row.id) !== name) problems.push(`${at}:2: id ${parsed.value.row.id} does not match the file name`);
    else {
      const unknown = parsed.value.tags.filter((tag) => !keys.get('tags.jsonl')?.has(tagKey(tag)));
      if (unknown.length > 0) problems.push(`${at}:${parsed.value.tagsLine}: tags not in tags.jsonl: ${unknown.join(', ')}`);
      articles.push(parsed.value);
    }
  }
  keys.set('articles', new Set(articles.map((article) => String(article.row.id))));
  for (const [spec, located] of records) {
    for (const { value, line } of located) {
      for (const [file, key] of spec.references?.(value) ?? []) {
        if (key !== null && !keys.get(file)?.has(key)) problems.push(`${spec.file}:${line}: refers to ${key}, which ${file} does not hold`);
      }
    }
  }
  if (problems.length > 0) {
    const more = problems.length - MAX_PROBLEMS_SHOWN;
    throw new SiteRefusal([...problems.slice(0, MAX_PROBLEMS_SHOWN), ...(more > 0 ? [`… and ${more} more`] : [])]);
  }
  return { records, articles };
}

const SITE_TABLES = ['auth_users', 'blog_tags', 'blog_articles', 'blog_taggings', 'memo_authors', 'memo_folders', 'memo_memos', 'memo_references', 'comment_comments'];

async function refuseUnlessEmpty(db: Kysely<Record<string, SiteRow>>): Promise<void> {
  const held: string[] = [];
  for (const table of SITE_TABLES) {
    const row = await db.selectFrom(table).select((eb) => eb.fn.countAll().as('count')).executeTakeFirstOrThrow();
    if (Number(row.count) > 0) held.push(`${table} holds ${Number(row.count)} rows`);
  }
  if (held.length > 0) throw new SiteRefusal([`restore writes only into an empty database, and this one is not: ${held.join(', ')}`]);
}

/**
 * An export (see exportSite) back into an empty, migrated database, ids kept, then the events the read models need
 * through the outbox, as an import writes them: search, the feeds and comments learn the published articles, comments
 * the users' profiles. Answers the rows restored per file.
 */
export async function restoreSite(database: Kysely<SiteDatabase>, dir: string, stamps: OutboxStamps, progress: SiteProgress): Promise<Record<string, number>> {
  const db = database as unknown as Kysely<Record<string, SiteRow>>;
  await refuseUnlessEmpty(db);
  const { records, articles } = await readSite(dir);
  const restored: Record<string, number> = {};
  const restoreRecords = async (spec: SiteRecords) => {
    const rows = (records.get(spec) ?? []).map(({ value }) => spec.row(value));
    for (let start = 0; start < rows.length; start += BATCH) {
      const batch = rows.slice(start, start + BATCH);
      await writeWithEvents(database, stamps, async (trx) => {
        await (trx as unknown as Kysely<Record<string, SiteRow>>).insertInto(spec.table).values(batch).execute();
        return spec.events?.(batch) ?? [];
      });
      progress(spec.file, start + batch.length, rows.length);
    }
    restored[spec.file] = rows.length;
    progress(spec.file, rows.length, rows.length, true);
  };
  for (const spec of recordsBeforeArticles) await restoreRecords(spec);
  const tagOf = new Map((records.get(tags) ?? []).map(({ value }) => [tagKey(String(value.name)), { id: Number(value.id), name: String(value.name) }]));
  for (let start = 0; start < articles.length; start += BATCH) {
    const batch = articles.slice(start, start + BATCH);
    await writeWithEvents(database, stamps, async (trx) => {
      await trx.insertInto('blog_articles').values(batch.map((article) => article.row)).execute();
      // Tags keep their order: tagging times a millisecond apart from the article's creation.
      const taggings = batch.flatMap((article) => article.tags.map((name, order) => ({ article_id: article.row.id, tag_id: tagOf.get(tagKey(name))?.id as number, created_at: article.row.created_at + order })));
      if (taggings.length > 0) await trx.insertInto('blog_taggings').values(taggings).execute();
      return batch.filter(({ row }) => row.status === 'PUBLISHED').map((article) => articlePublishedEvent(article.row, article.tags.map((name) => tagOf.get(tagKey(name)) as { id: number; name: string })));
    });
    progress(ARTICLES_DIR, start + batch.length, articles.length);
  }
  restored[ARTICLES_DIR] = articles.length;
  progress(ARTICLES_DIR, articles.length, articles.length, true);
  for (const spec of recordsAfterArticles) await restoreRecords(spec);
  return restored;
}
