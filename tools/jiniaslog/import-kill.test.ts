import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEmptyTestDatabase, type TestDatabase } from '../../shared/platform/database/testing/test-databases.ts';
import { importJiniaslog } from './import-command.ts';
import { allChecksumsMatch, type ImportReport } from './import-report.ts';
import { createSourceFixture, type SourceFixture } from './testing/source-fixture.ts';
import type { BlogTables } from '../../shared/blog/adapters/blog-tables.ts';

const ARTICLES = 1200;
const COMMAND = fileURLToPath(new URL('./import-jiniaslog.ts', import.meta.url));
const quiet = () => new Writable({ write: (_chunk, _encoding, done) => done() });

/** Per table: what the target holds of the source (imported now or by the killed run), what was skipped, and both checksums. */
const outcome = (report: ImportReport) =>
  Object.fromEntries(report.tables.map((tally) => [tally.table, { held: tally.imported + tally.present, skipped: tally.skippedCount, checksums: tally.checksums() }]));

const countOf = async (database: TestDatabase, table: 'blog_articles' | 'outbox') => Number((await database.db.withTables<BlogTables>().selectFrom(table).select((eb) => eb.fn.countAll().as('count')).executeTakeFirstOrThrow()).count);
const eventsByType = async (database: TestDatabase) =>
  Object.fromEntries((await database.db.selectFrom('outbox').select(['type', (eb) => eb.fn.countAll().as('count')]).groupBy('type').orderBy('type').execute()).map((row) => [row.type, Number(row.count)]));

describe('import:jiniaslog killed mid-way (mysql)', () => {
  let source: SourceFixture;
  let killed: TestDatabase;
  let clean: TestDatabase;
  const run = (database: TestDatabase) => importJiniaslog({ url: source.url, schemaPrefix: source.schemaPrefix, zone: 'Asia/Seoul', dryRun: false, env: database.env, progress: quiet() });

  beforeAll(async () => {
    source = await createSourceFixture(ARTICLES);
    [killed, clean] = await Promise.all([openEmptyTestDatabase('mysql'), openEmptyTestDatabase('mysql')]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([killed?.close(), clean?.close()]);
    await source?.drop();
  });

  it('ends, after a SIGKILL and a rerun, in the state of one clean import', async () => {
    const child = spawn(process.execPath, [COMMAND, source.url, '--schema-prefix', source.schemaPrefix, '--source-time-zone', 'Asia/Seoul'], {
      env: { ...process.env, ...killed.env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let progress = '';
    child.stderr.on('data', (chunk: Buffer) => {
      progress += String(chunk);
      // Killed once the first batch of articles is in: users and tags done, articles part-way.
      if (/\[import\] articles [1-9]\d*\//.test(progress) && child.exitCode === null) child.kill('SIGKILL');
    });
    const [code, signal] = await once(child, 'exit');
    expect({ code, signal }).toEqual({ code: null, signal: 'SIGKILL' });
    const articlesAtKill = await countOf(killed, 'blog_articles');
    expect(articlesAtKill).toBeGreaterThan(0);
    expect(articlesAtKill).toBeLessThan(ARTICLES);

    const [rerun, single] = await Promise.all([run(killed), run(clean)]);
    expect(allChecksumsMatch(rerun)).toBe(true);
    expect(allChecksumsMatch(single)).toBe(true);
    expect(rerun.tables.find((tally) => tally.table === 'articles')?.present).toBe(articlesAtKill);
    expect(outcome(rerun)).toEqual(outcome(single));
    // Each batch commits with its events: none lost at the kill, none written twice by the rerun.
    expect(await eventsByType(killed)).toEqual(await eventsByType(clean));
    console.info(`killed with ${articlesAtKill}/${ARTICLES} articles in; rerun ${rerun.millis} ms, clean import ${single.millis} ms; outbox ${await countOf(killed, 'outbox')} events`);
  }, 60_000);
});
