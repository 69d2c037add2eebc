import { randomBytes } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { Client } from '@opensearch-project/opensearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeArticleStatus } from '../../shared/blog/application/change-article-status.ts';
import { createArticle } from '../../shared/blog/application/create-article.ts';
import { saveDraft } from '../../shared/blog/application/save-draft.ts';
import { tagArticle } from '../../shared/blog/application/article-tags.ts';
import { blogWriteDeps, testAdmin } from '../../shared/blog/testing/blog-write-deps.ts';
import { asId, type Id } from '../../shared/kernel/id.ts';
import { openTestDatabase, type TestDatabase } from '../../shared/platform/database/testing/test-databases.ts';
import { createLogger } from '../../shared/platform/logging/logger.ts';
import { openPlatform, type Platform } from '../../shared/platform/runtime/open-platform.ts';
import { openSearch, type OpenedSearch } from '../../shared/search/adapters/open-search.ts';
import { searchQueryOf } from '../../shared/search/domain/search-query.ts';
import { documentEntry } from '../../shared/search/testing/search-fixtures.ts';
import { runSearchRebuild } from './rebuild-command.ts';

const openSearchUrl = process.env.PILOG_TEST_OPENSEARCH_URL ?? 'http://127.0.0.1:9200';

/** The rebuild command against a database with history and an index that has drifted from it, in each profile. */
describe.each(['sqlite', 'mysql'] as const)('search rebuild command (%s database)', (dialect) => {
  const alias = `pilog-test-rebuild-${randomBytes(4).toString('hex')}`;
  let database: TestDatabase;
  let env: Record<string, string>;
  let platform: Platform;
  let search: OpenedSearch;
  const ids: Partial<Record<'live' | 'unpublished' | 'draft', Id>> = {};

  beforeAll(async () => {
    database = await openTestDatabase(dialect);
    env = { ...database.env, ...(dialect === 'mysql' ? { PILOG_OPENSEARCH_URL: openSearchUrl, PILOG_SEARCH_INDEX: alias } : {}) };
    const deps = blogWriteDeps(database);
    for (const name of ['live', 'unpublished', 'draft'] as const) {
      const created = await createArticle(deps, testAdmin);
      if (!created.ok) throw new Error(created.error.message);
      const articleId = asId(created.value.articleId);
      ids[name] = articleId;
      await saveDraft(deps, testAdmin, { articleId, title: `Rebuilt ${name} okapi`, body: '재색인 본문', thumbnailUrl: 'https://example.com/t.png' });
      if (name !== 'draft') await changeArticleStatus(deps, testAdmin, { articleId, asIsStatus: 'DRAFT', toBeStatus: 'PUBLISHED' });
    }
    await tagArticle(deps, testAdmin, { articleId: ids.live as Id, tagName: 'kotlin' });
    await changeArticleStatus(deps, testAdmin, { articleId: ids.unpublished as Id, asIsStatus: 'PUBLISHED', toBeStatus: 'DRAFT' });
    platform = openPlatform({ profile: env.PILOG_PROFILE as 'embedded' | 'services', dataDir: env.PILOG_DATA_DIR ?? '' }, { name: 'rebuild-test', logger: createLogger({ level: 'error' }) });
    search = await openSearch(platform, { openSearchUrl, searchIndex: alias });
    // Drift: an article the database does not know, and a stale copy of the unpublished one.
    await search.index.write([documentEntry(42, 1, { title: 'Orphan okapi' }), documentEntry(ids.unpublished as number, 3, { title: 'Rebuilt unpublished okapi' })]);
  });
  afterAll(async () => {
    await platform?.close();
    await database?.close();
    if (dialect === 'mysql') {
      const client = new Client({ node: openSearchUrl });
      await client.indices.delete({ index: `${alias}-*` });
      await client.close();
    }
  });

  it('streams every published article into a fresh index with progress, swaps it in, and leaves the drift behind', async () => {
    const out = new PassThrough();
    const lines: string[] = [];
    out.on('data', (chunk: Buffer) => lines.push(...chunk.toString().split('\n').filter(Boolean)));
    expect(await runSearchRebuild(env, out)).toBe(0);
    expect(lines[0]).toMatch(/^\[search-rebuild\] copying 0\/2 \(0%\)/);
    expect(lines).toContainEqual(expect.stringMatching(/copying 2\/2 \(100%\)/));
    expect(lines.at(-1)).toMatch(/done: 2 articles in .+, now live$/);

    if (dialect === 'mysql') {
      const client = new Client({ node: openSearchUrl });
      await client.indices.refresh({ index: alias });
      const behind = Object.keys((await client.indices.getAlias({ name: alias })).body);
      await client.close();
      expect(behind).toHaveLength(1);
      expect(behind[0]).not.toBe(`${alias}-initial`);
    }
    const found = await search.index.search(searchQueryOf('okapi') ?? { text: '', terms: [] }, 50);
    expect(found).toEqual({ ok: true, value: [ids.live] });
  });
});
