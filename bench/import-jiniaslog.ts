import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { openEmptyTestDatabase } from '../shared/platform/database/testing/test-databases.ts';
import { createSourceFixture } from '../tools/jiniaslog/testing/source-fixture.ts';

/**
 * `npm run import:jiniaslog` on the generated monolith (5,000 articles by default) into an empty pilog of each
 * profile, then once more (nothing to import): wall time and peak RSS of the command's own process, and its report.
 * Usage: npm run bench:import-jiniaslog [-- articles]. Needs PILOG_TEST_MYSQL_URL (or the usual local MariaDB).
 */
const articles = Number(process.argv[2] ?? '5000');
const command = fileURLToPath(new URL('../tools/jiniaslog/import-jiniaslog.ts', import.meta.url));

const source = await createSourceFixture(articles);
try {
  for (const dialect of ['sqlite', 'mysql'] as const) {
    const database = await openEmptyTestDatabase(dialect);
    try {
      for (const pass of ['first run', 'rerun']) {
        const started = performance.now();
        // GNU time's %M: the peak resident set of the import process, in KiB.
        const run = spawnSync('/usr/bin/time', ['-f', 'peak-rss-kib=%M', process.execPath, command, source.url, '--schema-prefix', source.schemaPrefix, '--source-time-zone', 'Asia/Seoul'], {
          env: { ...process.env, ...database.env },
          encoding: 'utf8',
        });
        const seconds = (performance.now() - started) / 1000;
        const peak = Number(/peak-rss-kib=(\d+)/.exec(run.stderr)?.[1] ?? 0) / 1024;
        console.log(`\n== ${dialect === 'sqlite' ? 'embedded' : 'services'} profile, ${pass}: ${seconds.toFixed(1)} s, peak RSS ${peak.toFixed(0)} MiB, exit ${run.status}`);
        console.log(run.stdout.trimEnd());
      }
    } finally {
      await database.close();
    }
  }
} finally {
  await source.drop();
}
