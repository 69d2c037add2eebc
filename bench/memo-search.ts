import type { Caller } from '../shared/kernel/access.ts';
import { asId } from '../shared/kernel/id.ts';
import { memoSettings } from '../shared/memo/adapters/memo-settings.ts';
import { openMemo } from '../shared/memo/adapters/open-memo.ts';
import { openEventPublisher } from '../shared/platform/messaging/open-event-publisher.ts';
import { openPlatform } from '../shared/platform/runtime/open-platform.ts';
import { readFolderTree } from '../shared/memo/application/folders.ts';
import { recommendMemos, searchMemos } from '../shared/memo/application/memo-reads.ts';
import { sampleMemos, seedMemos } from '../shared/memo/testing/seed-memos.ts';
import { loadConfig } from '../shared/platform/config/load-config.ts';
import { openTestDatabase } from '../shared/platform/database/testing/test-databases.ts';
import { createLogger } from '../shared/platform/logging/logger.ts';

/**
 * Memo search and `[[` suggestions at the per-author limit: 1,000 memos of ~1,500 characters of mixed Korean and
 * English for the author (and as many for someone else, who must not slow the author down), in each dialect,
 * through the use cases and the real store. Usage: npx node bench/memo-search.ts [runs]
 * The services dialect needs PILOG_TEST_MYSQL_URL, PILOG_TEST_REDIS_URL and PILOG_TEST_KAFKA_BROKERS (or the usual local defaults).
 */
const runs = Number(process.argv[2] ?? '30');
const author: Caller = { userId: 1_000_001, roles: ['USER'] };
const neighbour = 1_000_002;
const quantile = (samples: number[], q: number): number => [...samples].sort((a, b) => a - b)[Math.min(samples.length - 1, Math.floor(samples.length * q))] as number;

async function time(run: () => Promise<unknown>): Promise<{ median: number; p95: number }> {
  await run();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  return { median: quantile(samples, 0.5), p95: quantile(samples, 0.95) };
}

for (const dialect of ['sqlite', 'mysql'] as const) {
  const database = await openTestDatabase(dialect);
  try {
    await seedMemos(database.db, author.userId, sampleMemos(1000), 10_000_000);
    await seedMemos(database.db, neighbour, sampleMemos(1000), 20_000_000);
    const services = { PILOG_REDIS_URL: process.env.PILOG_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379', PILOG_KAFKA_BROKERS: process.env.PILOG_TEST_KAFKA_BROKERS ?? '127.0.0.1:9092' };
    const env = dialect === 'mysql' ? { ...database.env, ...services } : database.env;
    const platform = openPlatform(loadConfig(memoSettings, env), { name: 'bench', logger: createLogger({ level: 'error' }), publisher: openEventPublisher });
    const deps = await openMemo(platform);
    const cases: Array<[string, () => Promise<unknown>]> = [
      ['search "kotlin" (most memos match)', () => searchMemos(deps, author, 'kotlin')],
      ['search "라즈베리파이" (Korean)', () => searchMemos(deps, author, '라즈베리파이')],
      ['search "메모 999 " (one match)', () => searchMemos(deps, author, '메모 999 ')],
      ['search "없는말" (no match)', () => searchMemos(deps, author, '없는말')],
      ['recommend "지니아" (with content)', () => recommendMemos(deps, author, { memoId: asId(10_000_000), keyword: '지니아' })],
      ['folder tree, uncached read', async () => deps.treeCache.discard(author.userId, await deps.store.treeVersion(author.userId)).then(() => readFolderTree(deps, author))],
    ];
    const hits = await searchMemos(deps, author, 'kotlin');
    process.stdout.write(`\n${dialect}: 1000 memos of the author (+1000 of another); "kotlin" matches ${hits.ok ? hits.value.length : '?'}\n`);
    for (const [name, run] of cases) {
      const { median, p95 } = await time(run);
      process.stdout.write(`  ${name.padEnd(40)} median ${median.toFixed(1).padStart(6)} ms   p95 ${p95.toFixed(1).padStart(6)} ms\n`);
    }
    await platform.close();
  } finally {
    await database.close();
  }
}
