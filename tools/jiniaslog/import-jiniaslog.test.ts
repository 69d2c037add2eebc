import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, type ApiCaller } from '../../functions/testing/api-caller.ts';
import { startTestPlatform, type WholePlatform } from '../../functions/testing/test-platform.ts';
import type { DevHost } from '../dev-host/dev-host.ts';
import { eventually } from '../../shared/platform/testing/eventually.ts';
import { openEmptyTestDatabase, type TestDatabase } from '../../shared/platform/database/testing/test-databases.ts';
import { importJiniaslog } from './import-command.ts';
import { allChecksumsMatch, type ImportReport } from './import-report.ts';
import { createSourceFixture, type SourceFixture } from './testing/source-fixture.ts';
import type { SiteTables } from '../site/site-database.ts';

const ADMIN = 'admin@jiniaslog.co.kr';
const quiet = () => new Writable({ write: (_chunk, _encoding, done) => done() });
const counts = (report: ImportReport) => Object.fromEntries(report.tables.map((tally) => [tally.table, { read: tally.read, imported: tally.imported, present: tally.present, skipped: tally.skippedCount }]));

interface ArticleCard {
  id: number;
}
interface ArticleView {
  id: number;
  title: string;
  content: string;
  thumbnailUrl: string;
  createdAt: string;
  tags: { id: number; name: string }[];
  isPublished: boolean;
}

let source: SourceFixture;
beforeAll(async () => void (source = await createSourceFixture(300)), 60_000);
afterAll(async () => source?.drop());

describe.each(['sqlite', 'mysql'] as const)('import:jiniaslog into an empty pilog (%s)', (dialect) => {
  let database: TestDatabase;
  let host: DevHost;
  let platform: WholePlatform;
  let first: ImportReport;
  let anonymous: ApiCaller;
  const run = (dryRun = false) => importJiniaslog({ url: source.url, schemaPrefix: source.schemaPrefix, zone: 'Asia/Seoul', dryRun, env: database.env, progress: quiet() });
  const outboxRows = async () => Number((await database.db.selectFrom('outbox').select((eb) => eb.fn.countAll().as('count')).executeTakeFirstOrThrow()).count);

  beforeAll(async () => {
    database = await openEmptyTestDatabase(dialect);
    first = await run();
    platform = await startTestPlatform(dialect === 'sqlite' ? 'embedded' : 'services', { database, env: { PILOG_ADMIN_EMAILS: ADMIN } });
    ({ host, anonymous } = platform);
  }, 120_000);
  afterAll(async () => {
    await platform?.close();
    await database?.close();
  });

  it('imports every good row, skips each bad one with its reason, and the checksums match', () => {
    expect(allChecksumsMatch(first)).toBe(true);
    expect(counts(first)).toMatchObject({
      users: { read: 6, imported: 4, skipped: 2 },
      tags: { read: 21, imported: 20, skipped: 1 },
      articles: { read: 302, imported: 300, skipped: 2 },
      memos: { read: 73, imported: 70, skipped: 3 },
      comments: { imported: first.tables.find((tally) => tally.table === 'comments')!.read - 3, skipped: 3 },
    });
    const reasons = Object.fromEntries(first.tables.map((tally) => [tally.table, [...tally.skipped.keys()]]));
    expect(reasons.articles).toEqual(['unknown status "HIDDEN"', 'created_at is missing or malformed']);
    expect(reasons.folders).toContain('parent folder missing or skipped');
    expect(reasons.taggings).toEqual(expect.arrayContaining(['tag missing or skipped', 'duplicate pair, folded', 'article missing']));
  });

  it('keeps ids, copies and times: the published routes answer what the source holds', async () => {
    const [known] = await database.db.withTables<SiteTables>().selectFrom('blog_articles').select('id').where('id', '=', source.knownArticle.id).execute();
    expect(known).toBeDefined();
    const view = await anonymous.json<ArticleView>('GET', `/api/v1/articles/${source.knownArticle.id}?expectedStatus=PUBLISHED`);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ id: source.knownArticle.id, isPublished: true, createdAt: expect.stringMatching(/^2024-03-10T00:00:00/) });
    const [row] = await source.query<{ title: string; contents: string; thumbnail_url: string }>(`SELECT title, contents, thumbnail_url FROM ${source.table('blog', 'Article')} WHERE id = ?`, [source.knownArticle.id]);
    expect(view.body).toMatchObject({ title: row?.title, content: row?.contents, thumbnailUrl: row?.thumbnail_url });

    const listed: number[] = [];
    for (let cursor = 9007199254740990; ; ) {
      const page = await anonymous.json<ArticleCard[]>('GET', `/api/v1/articles/simple?cursor=${cursor}&limit=100&status=PUBLISHED`);
      if (page.body.length === 0) break;
      listed.push(...page.body.map((card) => card.id));
      cursor = page.body[page.body.length - 1]!.id;
    }
    const published = await source.query<{ id: number }>(`SELECT id FROM ${source.table('blog', 'Article')} WHERE status = 'PUBLISHED' AND created_at > '1970-01-02' ORDER BY id DESC`);
    expect(listed).toEqual(published.map((article) => Number(article.id)));
  });

  it('keeps memos, folders and links: the owner reads them and their backlinks after signing in', async () => {
    const admin = await signIn(host.url, ADMIN);
    const backlinks = await admin.json<{ referenceds: { id: number }[] }>('GET', `/api/v1/memos/${source.memoWithBacklink.memoId}/referenced`);
    expect(backlinks.status).toBe(200);
    expect(backlinks.body.referenceds.map((memo) => memo.id)).toContain(source.memoWithBacklink.referencedBy);
    const tree = await admin.json<{ folderInfos: { id: number | null; children: unknown[] }[] }>('GET', '/api/v1/folders');
    const roots = tree.body.folderInfos.filter((folder) => folder.id !== null);
    expect(roots.length).toBe(2);
    const memo = await admin.json<{ content: string }>('GET', `/api/v1/memos/${source.memoWithBacklink.memoId}`);
    const [held] = await source.query<{ content: string }>(`SELECT content FROM ${source.table('memo', 'memo')} WHERE id = ?`, [source.memoWithBacklink.memoId]);
    expect(memo.body.content).toBe(held?.content);
  });

  it('changes nothing when run again, and a dry run says so', async () => {
    const rowsBefore = await outboxRows();
    const dry = await run(true);
    expect(dry.tables.every((tally) => tally.imported === 0)).toBe(true);
    const again = await run();
    expect(again.tables.map((tally) => [tally.table, tally.imported, tally.present])).toEqual(first.tables.map((tally) => [tally.table, 0, tally.imported + tally.present]));
    expect(allChecksumsMatch(again)).toBe(true);
    expect(await outboxRows()).toBe(rowsBefore);
  });

  it.runIf(dialect === 'sqlite')('lets a guest delete a comment made before the move with the old password, re-hashed to argon2id', async () => {
    const { id, articleId, password } = source.guestComment;
    expect(
      await eventually(async () => {
        await host.ping('events-sweep-outbox');
        const { body } = await anonymous.json<{ comments: { id: number }[] }>('GET', `/api/v1/comments?refId=${articleId}&refType=ARTICLE`);
        return body.comments.some((comment) => comment.id === id);
      }, 20_000),
    ).toBe(true);
    const hashOf = async () => (await database.db.withTables<SiteTables>().selectFrom('comment_comments').select('password_hash').where('id', '=', id).executeTakeFirstOrThrow()).password_hash;
    expect(await hashOf()).toMatch(/^\$2a\$10\$/);
    const wrong = await anonymous.json<{ code: string }>('DELETE', `/api/v1/comments/${id}`, { password: 'not-it' });
    expect(wrong).toMatchObject({ status: 403, body: { code: 'PASSWORD_MISMATCH' } });
    expect((await anonymous.call('DELETE', `/api/v1/comments/${id}`, { password })).status).toBe(200);
    expect(await hashOf()).toMatch(/^\$argon2id\$/);
    const { body } = await anonymous.json<{ comments: { id: number; deleted: boolean }[] }>('GET', `/api/v1/comments?refId=${articleId}&refType=ARTICLE`);
    expect(body.comments.find((comment) => comment.id === id)?.deleted).toBe(true);
  });
});
