import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArticleCard, ArticleView } from '../../shared/blog/domain/article-views.ts';
import { ADMIN_EMAIL } from '../testing/platform-env.ts';
import { eventually } from '../../shared/platform/testing/eventually.ts';
import { startTestPlatform, type WholePlatform } from '../testing/test-platform.ts';
import { type ApiCaller } from '../testing/api-caller.ts';

const THUMBNAIL = 'https://github.com/jinia91/blogimg/blob/main/img/a.png?raw=true';
const FIRST_PAGE = '/api/v1/articles/simple?cursor=9007199254740990&limit=20&status=PUBLISHED';

/**
 * The article routes over HTTP in each profile (services: MariaDB, the Redis cache, Kafka, OpenSearch): journey J4's
 * article steps, every read mode, the freshness rules, and bad input answered 4xx with {code, message}.
 */
describe.each(['embedded', 'services'] as const)('articles and tags over HTTP (%s profile)', (profile) => {
  let blog: WholePlatform;
  let admin: ApiCaller;
  let user: ApiCaller;

  beforeAll(async () => {
    blog = await startTestPlatform(profile);
    admin = await blog.signIn(ADMIN_EMAIL);
    user = await blog.signIn('reader@example.com');
  });
  afterAll(() => blog?.close());

  const create = async (): Promise<number> => (await admin.json<{ articleId: number }>('POST', '/api/v1/articles')).body.articleId;
  const publishNew = async (title: string, contents = `${title} body`): Promise<number> => {
    const id = await create();
    await admin.json('PUT', `/api/v1/articles/${id}/draft`, { title, contents, thumbnailUrl: THUMBNAIL });
    expect((await admin.json('PATCH', `/api/v1/articles/${id}`, { asIsStatus: 'DRAFT', toBeStatus: 'PUBLISHED' })).status).toBe(200);
    return id;
  };
  const patch = (id: number, asIsStatus: string, toBeStatus: string) => admin.json<{ code?: string }>('PATCH', `/api/v1/articles/${id}`, { asIsStatus, toBeStatus });
  const published = (id: number) => blog.anonymous.json<ArticleView>('GET', `/api/v1/articles/${id}?expectedStatus=PUBLISHED`);
  const draftOf = (id: number) => admin.json<ArticleView>('GET', `/api/v1/articles/${id}?expectedStatus=DRAFT`);
  const ids = (cards: readonly ArticleCard[]) => cards.map((card) => card.id);

  it('J4: creates with an empty JSON body, edits, tags, publishes, republishes, unpublishes, deletes and restores', async () => {
    const created = await admin.call('POST', '/api/v1/articles', undefined);
    const empty = await fetch(`${blog.host.url}/api/v1/articles`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: admin.jar.headerFor('/api/v1/articles') },
      body: '',
    });
    expect([created.status, empty.status]).toEqual([201, 201]);
    expect((await user.call('POST', '/api/v1/articles')).status).toBe(403);
    expect((await blog.anonymous.call('POST', '/api/v1/articles')).status).toBe(401);
    const { articleId: id } = (await empty.json()) as { articleId: number };
    expect((await draftOf(id)).body).toEqual({ id, title: '', content: '', thumbnailUrl: '', tags: [], createdAt: expect.stringMatching(/Z$/), isPublished: false });

    expect(await admin.json('PUT', `/api/v1/articles/${id}/draft`, { title: 'Hello', contents: '# Body', thumbnailUrl: '' })).toEqual({ status: 200, body: { articleId: id } });
    expect(await patch(id, 'DRAFT', 'PUBLISHED')).toMatchObject({ status: 409, body: { code: 'STATE_CONFLICT' } });
    expect((await admin.json('PUT', `/api/v1/articles/${id}/draft`, { thumbnailUrl: THUMBNAIL, title: null })).status).toBe(200);

    expect(await admin.json('POST', `/api/v1/articles/${id}/tags`, { tagName: 'kotlin' })).toEqual({ status: 200, body: { tagId: id } });
    expect(await admin.json('POST', `/api/v1/articles/${id}/tags`, { tagName: ' Kotlin ' })).toEqual({ status: 200, body: { tagId: id } });
    expect(await admin.json('DELETE', `/api/v1/articles/${id}/tags/KOTLIN`)).toEqual({ status: 200, body: { articleId: id } });
    expect(await admin.json('DELETE', `/api/v1/articles/${id}/tags/kotlin`)).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
    await admin.json('POST', `/api/v1/articles/${id}/tags`, { tagName: 'kotlin' });
    expect((await draftOf(id)).body.tags).toEqual([{ id: expect.any(Number), name: 'kotlin' }]);

    expect((await published(id)).status).toBe(404);
    expect(await patch(id, 'DRAFT', 'PUBLISHED')).toEqual({ status: 200, body: { articleId: id } });
    // Immediately after the PATCH: the detail, page 1, the tag list and the top tags all show it.
    expect((await published(id)).body).toMatchObject({ id, title: 'Hello', content: '# Body', thumbnailUrl: THUMBNAIL, isPublished: true, tags: [{ name: 'kotlin' }] });
    expect(ids((await blog.anonymous.json<ArticleCard[]>('GET', FIRST_PAGE)).body)[0]).toBe(id);
    expect(ids((await blog.anonymous.json<ArticleCard[]>('GET', '/api/v1/articles/simple?status=PUBLISHED&tagName=Kotlin')).body)).toContain(id);
    expect((await blog.anonymous.json<{ tags: unknown[] }>('GET', '/api/v1/tags/top?n=10')).body.tags).toContainEqual({ id: expect.any(Number), name: 'kotlin' });

    expect((await admin.json('PUT', `/api/v1/articles/${id}/draft`, { title: 'New' })).status).toBe(200);
    expect((await published(id)).body.title).toBe('Hello');
    expect((await draftOf(id)).body).toMatchObject({ title: 'New', isPublished: true });
    expect(await admin.json('PUT', `/api/v1/articles/${id}/draft`, { thumbnailUrl: ' ' })).toMatchObject({ status: 409, body: { code: 'STATE_CONFLICT' } });
    expect((await patch(id, 'PUBLISHED', 'PUBLISHED')).status).toBe(200);
    expect((await published(id)).body.title).toBe('New');

    expect((await patch(id, 'PUBLISHED', 'DRAFT')).status).toBe(200);
    expect((await published(id)).status).toBe(404);
    expect(ids((await blog.anonymous.json<ArticleCard[]>('GET', FIRST_PAGE)).body)).not.toContain(id);
    expect(ids((await admin.json<ArticleCard[]>('GET', '/api/v1/articles/simple?status=DRAFT&limit=10')).body)).toContain(id);
    expect(await patch(id, 'DELETED', 'PUBLISHED')).toMatchObject({ status: 400, body: { code: 'INVALID_TRANSITION' } });
    expect(await patch(id, 'PUBLISHED', 'DRAFT')).toMatchObject({ status: 409, body: { code: 'STATE_CONFLICT' } });

    expect(await admin.json('DELETE', `/api/v1/articles/${id}`)).toEqual({ status: 200, body: { articleId: id } });
    expect(await admin.json('DELETE', `/api/v1/articles/${id}`)).toMatchObject({ status: 409, body: { code: 'STATE_CONFLICT' } });
    expect(await admin.json('PUT', `/api/v1/articles/${id}/draft`, { title: 'x' })).toMatchObject({ status: 409, body: { code: 'STATE_CONFLICT' } });
    expect(await admin.json('POST', `/api/v1/articles/${id}/tags`, { tagName: 'kotlin' })).toMatchObject({ status: 409, body: { code: 'STATE_CONFLICT' } });
    expect((await draftOf(id)).body).toMatchObject({ title: 'New', tags: [], isPublished: false });
    expect((await patch(id, 'DELETED', 'DRAFT')).status).toBe(200);
    expect((await draftOf(id)).body.tags).toEqual([]);
  });

  it('pages by cursor, newest first, and lists by tag (published only, case-insensitive) and by keyword', async () => {
    const tag = `t${Date.now() % 1_000_000}`;
    // Unique, because the services profile's tests share one OpenSearch index.
    const word = `pg${randomBytes(5).toString('hex')}`;
    const [a, b, c] = [await publishNew('Paging one'), await publishNew(`Paging two ${word}`), await publishNew('Paging three')];
    const hidden = await create();
    for (const id of [a, b, hidden]) await admin.json('POST', `/api/v1/articles/${id}/tags`, { tagName: tag });
    const page = await blog.anonymous.json<ArticleCard[]>('GET', `/api/v1/articles/simple?status=PUBLISHED&cursor=${c}&limit=1`);
    expect(ids(page.body)).toEqual([b]);
    expect(page.body[0]).toMatchObject({ id: b, title: `Paging two ${word}`, content: `Paging two ${word} body`, thumbnailUrl: THUMBNAIL, contentStatus: 'PUBLISHED' });
    const all = ids((await blog.anonymous.json<ArticleCard[]>('GET', '/api/v1/articles/simple?status=PUBLISHED&limit=100')).body);
    expect(all).toEqual([...all].sort((x, y) => y - x));
    expect(ids((await blog.anonymous.json<ArticleCard[]>('GET', `/api/v1/articles/simple?status=PUBLISHED&tagName=${tag.toUpperCase()}`)).body)).toEqual([b, a]);
    expect((await blog.anonymous.json<ArticleCard[]>('GET', `/api/v1/articles/simple?status=PUBLISHED&cursor=${Math.min(a, b, c)}&limit=100`)).body.every((card) => card.id < a)).toBe(true);
    const byKeyword = async () => ids((await blog.anonymous.json<ArticleCard[]>('GET', `/api/v1/articles/simple?status=PUBLISHED&keyword=paging%20${word}`)).body);
    expect(await eventually(async () => (await byKeyword()).length > 0)).toBe(true);
    expect(await byKeyword()).toEqual([b]);
    // A blank keyword or tag counts as absent: page mode.
    expect((await blog.anonymous.json<ArticleCard[]>('GET', '/api/v1/articles/simple?status=PUBLISHED&keyword=%20&tagName=&limit=2')).body).toHaveLength(2);
  });

  it('keeps the card excerpt to 200 characters and counts the title limit in characters', async () => {
    const body = '가'.repeat(250);
    const id = await publishNew('가'.repeat(100), body);
    const [card] = (await blog.anonymous.json<ArticleCard[]>('GET', `/api/v1/articles/simple?status=PUBLISHED&cursor=${id + 1}&limit=1`)).body;
    expect(card?.content).toBe('가'.repeat(200));
    expect((await published(id)).body.content).toBe(body);
  });

  it.each([
    ['GET', '/api/v1/articles/simple', 400],
    ['GET', '/api/v1/articles/simple?status=DELETED', 400],
    ['GET', '/api/v1/articles/simple?status=published', 400],
    ['GET', '/api/v1/articles/simple?status=PUBLISHED&cursor=abc', 400],
    ['GET', '/api/v1/articles/simple?status=PUBLISHED&cursor=0', 400],
    ['GET', '/api/v1/articles/simple?status=PUBLISHED&cursor=1.5', 400],
    ['GET', '/api/v1/articles/simple?status=PUBLISHED&cursor=9007199254740992', 400],
    ['GET', '/api/v1/articles/simple?status=PUBLISHED&limit=0', 400],
    ['GET', '/api/v1/articles/simple?status=PUBLISHED&limit=101', 400],
    ['GET', '/api/v1/articles/simple?status=PUBLISHED&limit=ten', 400],
    ['GET', `/api/v1/articles/simple?status=PUBLISHED&keyword=${'a'.repeat(201)}`, 400],
    ['GET', '/api/v1/articles/simple?status=DRAFT&keyword=kotlin', 400],
    ['GET', '/api/v1/articles/simple?status=DRAFT&tagName=kotlin', 400],
    ['GET', '/api/v1/articles/abc?expectedStatus=PUBLISHED', 400],
    ['GET', '/api/v1/articles/9007199254740992?expectedStatus=PUBLISHED', 400],
    ['GET', '/api/v1/articles/12', 400],
    ['GET', '/api/v1/articles/12?expectedStatus=DELETED', 400],
    ['GET', '/api/v1/articles/12?expectedStatus=PUBLISHED', 404],
    ['GET', '/api/v1/articles/12?expectedStatus=DRAFT', 404],
    ['GET', '/api/v1/tags/top', 400],
    ['GET', '/api/v1/tags/top?n=0', 400],
    ['GET', '/api/v1/tags/top?n=101', 400],
    ['PATCH', '/api/v1/articles/12', 404, { asIsStatus: 'DRAFT', toBeStatus: 'PUBLISHED' }],
    ['PATCH', '/api/v1/articles/12', 400, { asIsStatus: 'DRAFT', toBeStatus: 'DRAFT' }],
    ['PATCH', '/api/v1/articles/12', 400, { asIsStatus: 'ARCHIVED', toBeStatus: 'DRAFT' }],
    ['PATCH', '/api/v1/articles/12', 400],
    ['PATCH', '/api/v1/articles/x1', 400, { asIsStatus: 'DRAFT', toBeStatus: 'PUBLISHED' }],
    ['PUT', '/api/v1/articles/12/draft', 404, { title: 'x' }],
    ['PUT', '/api/v1/articles/12/draft', 400, { title: 7 }],
    ['DELETE', '/api/v1/articles/12', 404],
    ['POST', '/api/v1/articles/12/tags', 404, { tagName: 'kotlin' }],
    ['POST', '/api/v1/articles/12/tags', 400, { tagName: '' }],
    ['POST', '/api/v1/articles/12/tags', 400, { tagName: 'a'.repeat(21) }],
    ['POST', '/api/v1/articles/12/tags', 400, { tagName: 'c#' }],
    ['POST', '/api/v1/articles/12/tags', 400, {}],
    ['DELETE', '/api/v1/articles/12/tags/kotlin', 404],
  ] as Array<[string, string, number, unknown?]>)('%s %s → %i with {code, message}', async (method, path, status, body) => {
    const response = await admin.json<{ code: string; message: string }>(method, path, body);
    expect(response.status).toBe(status);
    expect(response.body).toEqual({ code: expect.any(String), message: expect.any(String) });
  });

  it('refuses an over-long title, a malformed body and tags on unknown tags of a real article, but takes 100 characters', async () => {
    const id = await create();
    expect(await admin.json('PUT', `/api/v1/articles/${id}/draft`, { title: 'x'.repeat(101) })).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect((await admin.json('PUT', `/api/v1/articles/${id}/draft`, { title: '😀'.repeat(100) })).status).toBe(200);
    const malformed = await fetch(`${blog.host.url}/api/v1/articles/${id}/draft`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', cookie: admin.jar.headerFor('/api/v1/articles') },
      body: '{"title":',
    });
    expect(malformed.status).toBe(400);
    expect(await admin.json('DELETE', `/api/v1/articles/${id}/tags/never-made`)).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
  });

  it('keeps draft reads and draft lists for ADMIN: anonymous 401, USER 403', async () => {
    const id = await create();
    expect((await blog.anonymous.call('GET', `/api/v1/articles/${id}?expectedStatus=DRAFT`)).status).toBe(401);
    expect((await blog.anonymous.call('GET', '/api/v1/articles/not-an-id?expectedStatus=DRAFT')).status).toBe(401);
    expect((await user.call('GET', `/api/v1/articles/${id}?expectedStatus=DRAFT`)).status).toBe(403);
    expect((await blog.anonymous.call('GET', '/api/v1/articles/simple?status=DRAFT&limit=abc')).status).toBe(401);
    expect((await user.call('GET', '/api/v1/articles/simple?status=DRAFT&limit=10')).status).toBe(403);
  });
});
