import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { asId } from '../../kernel/id.ts';
import { openTestDatabase, testDialects, type TestDatabase } from '../../platform/database/testing/test-databases.ts';
import { createInProcessEventBus } from '../../platform/messaging/event-publisher.in-process.ts';
import type { OutgoingEvent } from '../../platform/messaging/event-publisher.port.ts';
import { changeArticleStatus } from '../application/change-article-status.ts';
import { createArticle } from '../application/create-article.ts';
import { saveDraft } from '../application/save-draft.ts';
import { tagArticle } from '../application/article-tags.ts';
import { createSqlArticleReads } from './article-reads.sql.ts';
import { blogWriteDeps, testAdmin as admin } from '../testing/blog-write-deps.ts';
import { countEverPublished, everPublishedArticles } from './published-articles.sql.ts';
import type { BlogTables } from './blog-tables.ts';

const complete = { title: 'Hello', body: 'Body', thumbnailUrl: 'https://example.com/a.png' };

/** The blog's SQL adapters, one suite on SQLite and on MariaDB, driven through the use cases. */
describe.each(testDialects)('blog articles in SQL (%s)', (dialect) => {
  let database: TestDatabase;
  let published: OutgoingEvent[];
  let deps: Parameters<typeof createArticle>[0];

  beforeAll(async () => {
    database = await openTestDatabase(dialect);
    const bus = createInProcessEventBus();
    bus.subscribe('pilog.blog.article', (event) => void published.push(event));
    deps = blogWriteDeps(database, bus);
  });
  afterAll(() => database?.close());
  beforeEach(() => {
    published = [];
  });

  const newArticle = async () => {
    const created = await createArticle(deps, admin);
    if (!created.ok) throw new Error(created.error.message);
    return asId(created.value.articleId);
  };
  const publishNew = async (fields = complete) => {
    const id = await newArticle();
    await saveDraft(deps, admin, { articleId: id, ...fields });
    expect(await changeArticleStatus(deps, admin, { articleId: id, asIsStatus: 'DRAFT', toBeStatus: 'PUBLISHED' })).toEqual({ ok: true, value: { articleId: id } });
    return id;
  };
  const reads = () => createSqlArticleReads(database.db.withTables<BlogTables>());

  it('commits each change with its outbox event, stamped with the version it made, and publishes it after the commit', async () => {
    const id = await publishNew();
    const rows = await database.db.withTables<BlogTables>().selectFrom('outbox').select(['type', 'aggregate_version', 'aggregateid']).where('aggregateid', '=', String(id)).orderBy('id').execute();
    expect(rows.map((row) => [row.type, Number(row.aggregate_version)])).toEqual([
      ['pilog.blog.article.created.v1', 1],
      ['pilog.blog.article.draft-saved.v1', 2],
      ['pilog.blog.article.published.v1', 3],
    ]);
    expect(published.map((event) => event.extensions.aggregateversion)).toEqual(['1', '2', '3']);
    expect(await reads().find(id)).toMatchObject({ status: 'PUBLISHED', published: complete, version: 3 });
  });

  it('changes nothing and writes no event when the use case refuses', async () => {
    const id = await newArticle();
    const before = await database.db.withTables<BlogTables>().selectFrom('outbox').select('id').execute();
    expect(await changeArticleStatus(deps, admin, { articleId: id, asIsStatus: 'DRAFT', toBeStatus: 'PUBLISHED' })).toMatchObject({ ok: false, error: { code: 'STATE_CONFLICT' } });
    expect(await database.db.withTables<BlogTables>().selectFrom('outbox').select('id').execute()).toHaveLength(before.length);
    expect((await reads().find(id))?.version).toBe(1);
  });

  it('serializes concurrent edits of one article by version, losing none', async () => {
    const id = await newArticle();
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => saveDraft(deps, admin, { articleId: id, body: `edit ${i}` })));
    expect(results.every((result) => result.ok)).toBe(true);
    const versions = (await database.db.withTables<BlogTables>().selectFrom('outbox').select('aggregate_version').where('aggregateid', '=', String(id)).execute()).map((row) => Number(row.aggregate_version));
    expect(versions.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect((await reads().find(id))?.version).toBe(7);
  });

  it('makes one tag of a name first used by several writers at once, case-insensitively', async () => {
    const articles = await Promise.all([newArticle(), newArticle(), newArticle()]);
    const name = `Race${Date.now() % 100000}`;
    const results = await Promise.all(articles.map((articleId, i) => tagArticle(deps, admin, { articleId, tagName: i === 0 ? name : name.toLowerCase() })));
    expect(results.every((result) => result.ok)).toBe(true);
    const tags = await database.db.withTables<BlogTables>().selectFrom('blog_tags').select(['name']).where('name_key', '=', name.toLowerCase()).execute();
    expect(tags).toHaveLength(1);
    for (const articleId of articles) expect((await reads().find(articleId))?.tags.map((tag) => tag.name)).toEqual(tags.map((tag) => tag.name));
  });

  it('lists pages, tag lists and top tags from published articles only', async () => {
    const suffix = Date.now() % 100000;
    const [a, b] = [await publishNew({ ...complete, body: 'b'.repeat(300) }), await publishNew()];
    const hidden = await newArticle();
    for (const [articleId, tagName] of [[a, `x${suffix}`], [b, `x${suffix}`], [b, `y${suffix}`], [hidden, `y${suffix}`], [hidden, `z${suffix}`]] as const) {
      await tagArticle(deps, admin, { articleId, tagName });
    }
    const page = await reads().page('PUBLISHED', b, 1);
    expect(page).toEqual([{ id: a, title: 'Hello', excerpt: 'b'.repeat(200), thumbnailUrl: complete.thumbnailUrl, createdAt: expect.any(Number), tags: [{ id: expect.any(Number), name: `x${suffix}` }] }]);
    expect((await reads().taggedPublished(`Y${suffix}`)).map((card) => card.id)).toEqual([b]);
    expect((await reads().publishedAmong([a, hidden, 999])).map((card) => card.id)).toEqual([a]);
    const top = (await reads().topTags(100)).map((tag) => tag.name).filter((name) => name.endsWith(String(suffix)));
    expect(top).toEqual([`x${suffix}`, `y${suffix}`]);
  });

  it('streams every article ever published, in batches, and those changed since a time', async () => {
    const id = await publishNew();
    await changeArticleStatus(deps, admin, { articleId: id, asIsStatus: 'PUBLISHED', toBeStatus: 'DRAFT' });
    // Past the millisecond of that last change, so only what follows counts as changed since.
    await new Promise((resolve) => setTimeout(resolve, 5));
    const before = Date.now();
    const later = await publishNew();
    const all: number[] = [];
    for await (const batch of everPublishedArticles(database.db.withTables<BlogTables>(), { batchSize: 2 })) all.push(...batch.map((article) => article.id));
    expect(all).toEqual([...all].sort((x, y) => x - y));
    expect(all).toEqual(expect.arrayContaining([id, later]));
    expect(await countEverPublished(database.db.withTables<BlogTables>())).toBe(all.length);
    const changed: number[] = [];
    for await (const batch of everPublishedArticles(database.db.withTables<BlogTables>(), { changedSince: before })) changed.push(...batch.map((article) => article.id));
    expect(changed).toEqual([later]);
  });
});
