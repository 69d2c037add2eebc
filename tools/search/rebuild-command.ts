import { systemClock } from '../../shared/kernel/clock.ts';
import { loadConfig } from '../../shared/platform/config/load-config.ts';
import { platformSettings } from '../../shared/platform/config/platform-settings.ts';
import { createLogger } from '../../shared/platform/logging/logger.ts';
import { openPlatform } from '../../shared/platform/runtime/open-platform.ts';
import { openSearch } from '../../shared/search/adapters/open-search.ts';
import { searchSettings } from '../../shared/search/adapters/search-settings.ts';
import { rebuildSearchIndex, type RebuildProgress } from '../../shared/search/application/rebuild-search-index.ts';
import { blogArticleSource } from './article-source.ts';
import type { BlogTables } from '../../shared/blog/adapters/blog-tables.ts';

const percent = (progress: RebuildProgress) => (progress.total === 0 ? 100 : Math.floor((100 * progress.done) / progress.total));

/** One status line, rewritten in place on a terminal, one line per step otherwise (CI logs). */
export function progressLine(progress: RebuildProgress): string {
  if (progress.phase === 'done') return `[search-rebuild] done: ${progress.done} articles in ${progress.target}, now live`;
  return `[search-rebuild] ${progress.phase} ${progress.done}/${progress.total} (${percent(progress)}%) → ${progress.target}`;
}

/**
 * `node tools/search/rebuild.ts`: every article ever published from the profile's database into a fresh search
 * index, then the alias swap (services) or the FTS5 rebuild (embedded). Answers the process exit code.
 */
export async function runSearchRebuild(env: Readonly<Record<string, string | undefined>>, out: NodeJS.WritableStream & { isTTY?: boolean }): Promise<number> {
  const config = loadConfig({ ...searchSettings, mysqlUrl: platformSettings.mysqlUrl }, env);
  const platform = openPlatform(config, { name: 'search-rebuild', logger: createLogger({ level: 'warn' }) });
  try {
    const [database, search] = await Promise.all([platform.database(), openSearch(platform, config)]);
    const result = await rebuildSearchIndex({
      source: blogArticleSource(database.db.withTables<BlogTables>()),
      rebuild: search.index,
      live: search.index,
      clock: systemClock,
      progress(progress) {
        if (out.isTTY && progress.phase !== 'done') out.write(`\r${progressLine(progress)}`);
        else out.write(`${out.isTTY ? '\n' : ''}${progressLine(progress)}\n`);
      },
    });
    if (!result.ok) {
      out.write(`\n[search-rebuild] failed: ${result.error.message}\n`);
      return 1;
    }
    return 0;
  } finally {
    await platform.close();
  }
}
