import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import { openTestDatabase } from '../shared/platform/database/testing/test-databases.ts';
import type { SqlDialect } from '../shared/platform/database/database.ts';
import { regenerateFeeds } from '../shared/seo/application/regenerate-feeds.ts';
import { createLogger } from '../shared/platform/logging/logger.ts';
import { openPlatform } from '../shared/platform/runtime/open-platform.ts';
import { openSeo } from '../shared/seo/adapters/open-seo.ts';
import { loadSeoConfig } from '../shared/seo/adapters/seo-settings.ts';
import type { SeoTables } from '../shared/seo/adapters/seo-tables.ts';
import type { SeoStore } from '../shared/seo/ports/seo-store.port.ts';
import { seedPublishedArticles } from '../shared/seo/testing/seed-articles.ts';

/**
 * Feed generation for a large site: time, peak memory, and the sitemap's split into an index of numbered files.
 * The read model is seeded in bulk in this process; each generation runs in a child process of its own:
 *  - plain: two generations (the second a duplicate tick), timed, with the process's peak resident memory
 *    (getrusage maxRSS) against the same process idle just before;
 *  - traced (--expose-gc): the live JS heap after a full collection each time a document is written, i.e. while
 *    one sitemap file is complete in memory. Flat across files means the working set does not grow with the site.
 *
 *   node bench/seo-generate.ts [sqlite|mysql] [articles=100000] [bodyChars=500]
 *
 * mysql uses PILOG_TEST_MYSQL_URL (or the local MariaDB) and creates, then drops, a database of its own.
 */
interface GenerationRun {
  readonly ms: number;
  readonly articles: number;
  readonly sitemapFiles: number;
}
interface ChildReport {
  readonly idleRssMiB: number;
  readonly maxRssMiB: number;
  readonly runs: readonly GenerationRun[];
  /** Traced mode: live heap (MiB) after GC at each document write, by document name. */
  readonly liveHeapMiB: Readonly<Record<string, number>>;
}

const MiB = 1024 * 1024;

/** The store, with a full GC and a heap sample before each document is written. */
function traced(store: SeoStore, gc: () => void, samples: Record<string, number>): SeoStore {
  return {
    ...store,
    inTransaction: (work) =>
      store.inTransaction((repositories) =>
        work({
          ...repositories,
          feeds: {
            ...repositories.feeds,
            put: async (document) => {
              gc();
              samples[document.name] = process.memoryUsage().heapUsed / MiB;
              await repositories.feeds.put(document);
            },
          },
        }),
      ),
  };
}

async function generateInThisProcess(): Promise<void> {
  const config = loadSeoConfig(process.env);
  const platform = openPlatform(config.database, { name: 'seo-generate-bench', logger: createLogger({ level: 'error' }) });
  const seo = await openSeo(platform, config);
  await seo.markdown.load();
  const gc = (globalThis as { gc?: () => void }).gc;
  const liveHeapMiB: Record<string, number> = {};
  const deps = gc ? { ...seo, store: traced(seo.store, gc, liveHeapMiB) } : seo;
  const idleRssMiB = process.memoryUsage().rss / MiB;
  const runs: GenerationRun[] = [];
  for (let i = 0; i < (gc ? 1 : 2); i++) {
    const started = performance.now();
    const outcome = await regenerateFeeds(deps, 'always');
    if (outcome.kind !== 'generated') throw new Error(`generation did not run: ${outcome.kind}`);
    runs.push({ ms: performance.now() - started, articles: outcome.summary.articles, sitemapFiles: outcome.summary.sitemapFiles });
  }
  await platform.close();
  const report: ChildReport = { idleRssMiB, maxRssMiB: process.resourceUsage().maxRSS / 1024, runs, liveHeapMiB };
  process.stdout.write(JSON.stringify(report));
}

function runChild(env: Readonly<Record<string, string>>, flags: readonly string[]): Promise<ChildReport> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...flags, fileURLToPath(import.meta.url), '--generate'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => void (out += chunk.toString('utf8')));
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as ChildReport) : reject(new Error(`generation process exited with ${code}`))));
  });
}

async function main(): Promise<void> {
  const [dialectArg = 'sqlite', countArg = '100000', bodyArg = '500'] = process.argv.slice(2);
  const dialect = dialectArg as SqlDialect;
  const count = Number(countArg);
  const database = await openTestDatabase(dialect);
  try {
    const db = database.db.withTables<SeoTables>();
    const seedStarted = performance.now();
    await seedPublishedArticles(db, count, { bodyBytes: Number(bodyArg) });
    process.stderr.write(`[bench] seeded ${count} published articles in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s (${dialect})\n`);

    const env = { ...database.env, PILOG_PUBLIC_API_URL: 'https://api.jiniaslog.co.kr', PILOG_LOG_LEVEL: 'warn' };
    const plain = await runChild(env, []);
    const tracedRun = await runChild(env, ['--expose-gc']);
    const feeds = await db.selectFrom('seo_feeds').select(['name', 'body']).orderBy('name').execute();
    const count_ = (body: string, pattern: RegExp) => (body.match(pattern) ?? []).length;

    const [first, duplicate] = plain.runs;
    const seconds = (run: GenerationRun | undefined) => `${((run?.ms ?? 0) / 1000).toFixed(2)} s`;
    console.log(`SEO feed generation, ${count} published articles, ${dialect === 'sqlite' ? 'SQLite (node:sqlite, temp file)' : 'MariaDB'}, Node ${process.version}`);
    console.log(`| generation | time | articles | sitemap files |`);
    console.log('|---|---:|---:|---:|');
    console.log(`| first | ${seconds(first)} | ${first?.articles} | ${first?.sitemapFiles} |`);
    console.log(`| duplicate tick | ${seconds(duplicate)} | ${duplicate?.articles} | ${duplicate?.sitemapFiles} |`);
    console.log(
      `peak RSS ${plain.maxRssMiB.toFixed(1)} MiB (getrusage maxRSS) vs ${plain.idleRssMiB.toFixed(1)} MiB for the same process idle before generating ` +
        `(+${(plain.maxRssMiB - plain.idleRssMiB).toFixed(1)} MiB, ${(plain.maxRssMiB / plain.idleRssMiB).toFixed(2)}x)`,
    );
    const live = Object.entries(tracedRun.liveHeapMiB);
    console.log(`live JS heap after GC at each document write: ${live.map(([name, heap]) => `${name} ${heap.toFixed(1)}`).join(', ')} MiB`);
    console.log('| stored document | bytes | content |');
    console.log('|---|---:|---|');
    for (const feed of feeds) {
      const content =
        count_(feed.body, /<sitemap>/g) > 0 ? `sitemapindex of ${count_(feed.body, /<sitemap>/g)} files` : feed.name.startsWith('sitemap') ? `urlset of ${count_(feed.body, /<url>/g)} URLs` : `${count_(feed.body, /<(item|entry)>/g)} items`;
      console.log(`| ${feed.name} | ${Buffer.byteLength(feed.body)} | ${content} |`);
    }
  } finally {
    await database.close();
  }
}

if (process.argv.includes('--generate')) await generateInThisProcess();
else await main();
