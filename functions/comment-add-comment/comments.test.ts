import { randomBytes } from 'node:crypto';
import { CloudEvent } from 'cloudevents';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../shared/platform/database/database.ts';
import { articleLifecycleEvent, articlePublishedEvent, profileChangedEvent } from '../../shared/events/testing/raised-events.ts';
import { FRONTEND_ORIGIN } from '../testing/api-caller.ts';
import { startTestPlatform, type FunctionsPlatform } from '../testing/test-platform.ts';
import { commentFunctions } from './testing/comment-functions.ts';
import type { CommentTables } from '../../shared/comment/adapters/comment-tables.ts';

interface CommentJson {
  id: number;
  content: string;
  nickname: string;
  authorId: number | null;
  createdAt: string;
  profileImageUrl: string | null;
  children: CommentJson[];
  deleted: boolean;
}

/** Contract §1.4 and §2.4 over HTTP, against SQLite (embedded) and MariaDB + Redis (services). */
describe.each(['embedded', 'services'] as const)('comments (%s profile)', (profile) => {
  let server: FunctionsPlatform;
  let nextArticle = Number(`${Date.now() % 1_000_000}000`);
  /** A client address of this run's own, so Redis counters of earlier runs never interfere. */
  const address = `10.${randomBytes(3).join('.')}`;

  beforeAll(async () => {
    server = await startTestPlatform(profile, { functions: commentFunctions, trustedProxyHops: 1 });
  });
  afterAll(() => server?.close());

  const call = async (method: string, path: string, options: { body?: unknown; cookie?: string; address?: string; rawBody?: string } = {}) => {
    const response = await fetch(`${server.base}${path}`, {
      method,
      headers: {
        origin: FRONTEND_ORIGIN,
        'x-forwarded-for': options.address ?? address,
        ...(options.cookie ? { cookie: options.cookie } : {}),
        ...(options.body !== undefined || options.rawBody !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : options.rawBody !== undefined ? { body: options.rawBody } : {}),
    });
    expect(response.headers.get('access-control-allow-origin')).toBe(FRONTEND_ORIGIN);
    return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
  };
  const list = async (articleId: number | string, refType = 'ARTICLE') => call('GET', `/api/v1/comments?refId=${articleId}&refType=${refType}`);
  const tree = async (articleId: number) => (await list(articleId)).body.comments as CommentJson[];
  const guest = (articleId: number | string, extra: Record<string, unknown> = {}) => ({ refId: articleId, refType: 'ARTICLE', userName: 'guest', password: 'pw', parentId: null, content: 'hi', ...extra });
  const post = (body: unknown, options: { cookie?: string; address?: string } = {}) => call('POST', '/api/v1/comments', { body, ...options });
  const remove = (commentId: number | string, body: unknown, options: { cookie?: string; address?: string } = {}) => call('DELETE', `/api/v1/comments/${commentId}`, { body, ...options });
  const publishedArticle = async () => {
    const id = ++nextArticle;
    expect(await server.deliver(articlePublishedEvent(id, 2))).toBe(200);
    return id;
  };

  it('answers an empty tree for an unknown article and 400 for a bad refId or refType', async () => {
    expect(await list(987654321)).toMatchObject({ status: 200, body: { comments: [] } });
    expect((await list('12a')).status).toBe(400);
    expect((await list(5, 'MEMO')).body.code).toBe('VALIDATION_FAILED');
    expect((await call('GET', '/api/v1/comments?refType=ARTICLE')).status).toBe(400);
  });

  it('accepts a guest comment on a published article only, with the id as a number', async () => {
    const draft = ++nextArticle;
    expect(await server.deliver(articleLifecycleEvent('created', draft, 1))).toBe(200);
    expect(await post(guest(draft))).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
    const article = await publishedArticle();
    const added = await post(guest(String(article)));
    expect(added.status).toBe(200);
    expect(typeof added.body.commentId).toBe('number');
    const [comment] = await tree(article);
    expect(comment).toMatchObject({ id: added.body.commentId, content: 'hi', nickname: 'guest', authorId: null, profileImageUrl: null, children: [], deleted: false });
    expect(comment?.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('stores the guest password as an argon2id hash, never as given', async () => {
    const article = await publishedArticle();
    const { body } = await post(guest(article, { password: 'correct horse' }));
    const handle = await openDatabase({ profile, dataDir: server.env.PILOG_DATA_DIR ?? '', mysqlUrl: server.env.PILOG_MYSQL_URL ?? '' });
    const row = await handle.db.withTables<CommentTables>().selectFrom('comment_comments').select(['password_hash', 'content']).where('id', '=', body.commentId as number).executeTakeFirstOrThrow();
    await handle.close();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(row.password_hash).not.toContain('correct horse');
  });

  it('records additions and deletions as events through the outbox, published once committed', async () => {
    const article = await publishedArticle();
    const { body } = await post(guest(article));
    await remove(body.commentId as number, { password: 'pw' });
    await remove(body.commentId as number, { password: 'pw' }); // idempotent: no second event
    const handle = await openDatabase({ profile, dataDir: server.env.PILOG_DATA_DIR ?? '', mysqlUrl: server.env.PILOG_MYSQL_URL ?? '' });
    const outboxRows = () => handle.db.withTables<CommentTables>().selectFrom('outbox').selectAll().where('aggregateid', '=', String(body.commentId)).orderBy('id').execute();
    // Published after the answers, in the background (writes never wait on the broker).
    await expect.poll(async () => (await outboxRows()).every((row) => row.published_at !== null), { timeout: 20_000 }).toBe(true);
    const rows = await outboxRows();
    await handle.close();
    expect(rows.map((row) => [row.type, Number(row.aggregate_version), row.published_at !== null])).toEqual([
      ['pilog.comment.comment.added.v1', 1, true],
      ['pilog.comment.comment.deleted.v1', 2, true],
    ]);
    expect(JSON.parse(rows[0]?.payload ?? '{}')).toMatchObject({ commentId: body.commentId, articleId: article, parentId: null, authorId: null });
  });

  it('returns content exactly as written, markup included, and counts 1000 characters by code point', async () => {
    const article = await publishedArticle();
    const text = '<script>alert("x")</script> & **bold** <b>한글</b>\n  second line';
    await post(guest(article, { content: text }));
    const longest = '😀'.repeat(1000);
    expect((await post(guest(article, { content: longest }))).status).toBe(200);
    const comments = await tree(article);
    expect(comments.map((comment) => comment.content)).toEqual([text, longest]);
  });

  it.each([
    ['content over 1000 characters', { content: 'x'.repeat(1001) }],
    ['blank content', { content: '   ' }],
    ['a name over 20 characters', { userName: 'n'.repeat(21) }],
    ['a blank name', { userName: ' ' }],
    ['a password over 72 bytes', { password: '가'.repeat(25) }],
    ['a name without a password', { password: null }],
    ['a refType other than ARTICLE', { refType: 'MEMO' }],
    ['a malformed refId', { refId: '12a' }],
    ['a malformed parentId', { parentId: 1.5 }],
  ])('refuses %s with 400', async (_case, change) => {
    const article = await publishedArticle();
    expect(await post(guest(article, change))).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
  });

  it('answers 401 to a comment without credentials and without a valid session, so the frontend refreshes', async () => {
    const article = await publishedArticle();
    const anonymous = guest(article, { userName: null, password: null });
    expect(await post(anonymous)).toMatchObject({ status: 401, body: { code: 'UNAUTHENTICATED' } });
    const expired = await new SignJWT({ typ: 'access', roles: ['USER'], fid: 'f' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('42')
      .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
      .sign(new TextEncoder().encode(server.env.PILOG_JWT_SECRET));
    expect((await post(anonymous, { cookie: `jiniaslog_access=${expired}` })).status).toBe(401);
    expect((await post(anonymous, { cookie: 'jiniaslog_access=garbage' })).status).toBe(401);
  });

  it("shows a registered author's profile from profile events, UNKNOWN until one arrives, never an older one", async () => {
    const article = await publishedArticle();
    const userId = 900_000 + Math.floor(Math.random() * 99_999);
    const cookie = await server.cookieFor(userId);
    const added = await post(guest(article, { userName: null, password: null }), { cookie });
    expect(added.status).toBe(200);
    expect((await tree(article))[0]).toMatchObject({ authorId: userId, nickname: 'UNKNOWN', profileImageUrl: null });

    expect(await server.deliver(profileChangedEvent(userId, '지니아', 'https://lh3.googleusercontent.com/a/1', 10))).toBe(200);
    expect((await tree(article))[0]).toMatchObject({ authorId: userId, nickname: '지니아', profileImageUrl: 'https://lh3.googleusercontent.com/a/1' });
    expect(await server.deliver(profileChangedEvent(userId, 'Stale', null, 9))).toBe(200);
    expect(await server.deliver(profileChangedEvent(userId, 'Same version', null, 10))).toBe(200);
    expect((await tree(article))[0]?.nickname).toBe('지니아');

    // With a session, a name and a password make a guest comment: the session is not used.
    const asGuest = await post(guest(article, { userName: 'visitor' }), { cookie });
    expect((await tree(article)).find((comment) => comment.id === asGuest.body.commentId)).toMatchObject({ nickname: 'visitor', authorId: null });
  });

  it('nests replies under roots, oldest first, and refuses replies to replies, to other articles and to deleted roots', async () => {
    const article = await publishedArticle();
    const other = await publishedArticle();
    const c1 = (await post(guest(article, { content: 'first' }))).body.commentId as number;
    const c2 = (await post(guest(article, { content: 'reply', parentId: String(c1) }))).body.commentId as number;
    const c3 = (await post(guest(article, { content: 'second root' }))).body.commentId as number;
    const c4 = (await post(guest(article, { content: 'late reply', parentId: c1 }))).body.commentId as number;
    expect(await post(guest(article, { parentId: c2 }))).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect((await post(guest(other, { parentId: c1 }))).status).toBe(400);
    expect(await post(guest(article, { parentId: 123456789 }))).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
    const comments = await tree(article);
    expect(comments.map((comment) => [comment.id, comment.children.map((child) => child.id)])).toEqual([
      [c1, [c2, c4]],
      [c3, []],
    ]);
    expect(await remove(c3, { password: 'pw' })).toMatchObject({ status: 200, body: { commentId: c3 } });
    expect((await post(guest(article, { parentId: c3 }))).status).toBe(400);
  });

  it('deletes a guest comment with its password only, keeps it in the tree blanked, and is idempotent', async () => {
    const article = await publishedArticle();
    const c1 = (await post(guest(article))).body.commentId as number;
    const c2 = (await post(guest(article, { parentId: c1, content: 'still here' }))).body.commentId as number;
    expect(await remove(c1, { password: 'bad' })).toMatchObject({ status: 403, body: { code: 'PASSWORD_MISMATCH' } });
    expect(await remove(c1, { password: null })).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect((await call('DELETE', `/api/v1/comments/${c1}`)).status).toBe(400); // absent body = {password: null}
    expect(await remove(c1, { password: 'pw' })).toMatchObject({ status: 200, body: { commentId: c1 } });
    expect(await remove(c1, { password: 'pw' })).toMatchObject({ status: 200, body: { commentId: c1 } });
    const [root] = await tree(article);
    expect(root).toMatchObject({ id: c1, deleted: true, content: '', nickname: 'guest' });
    expect(root?.children).toMatchObject([{ id: c2, deleted: false, content: 'still here' }]);
    expect((await remove(987654321, { password: 'pw' })).status).toBe(404);
    expect((await remove('abc', { password: 'pw' })).status).toBe(400);
    expect((await call('DELETE', `/api/v1/comments/${c2}`, { rawBody: '{"password":' })).status).toBe(400);
  });

  it('lets the author and any ADMIN delete a registered comment, and no one else', async () => {
    const article = await publishedArticle();
    const author = await server.cookieFor(700_001);
    const other = await server.cookieFor(700_002);
    const admin = await server.cookieFor(700_003, ['ADMIN']);
    const mine = (await post(guest(article, { userName: null, password: null }), { cookie: author })).body.commentId as number;
    expect(await remove(mine, { password: null })).toMatchObject({ status: 401, body: { code: 'UNAUTHENTICATED' } });
    expect(await remove(mine, { password: 'whatever' }, { cookie: other })).toMatchObject({ status: 403, body: { code: 'NOT_OWNER' } });
    expect(await remove(mine, { password: null }, { cookie: author })).toMatchObject({ status: 200, body: { commentId: mine } });

    const theirs = (await post(guest(article, { userName: null, password: null }), { cookie: other })).body.commentId as number;
    const guests = (await post(guest(article))).body.commentId as number;
    expect((await remove(theirs, {}, { cookie: admin })).status).toBe(200);
    expect((await remove(guests, { password: null }, { cookie: admin })).status).toBe(200);
    expect((await tree(article)).every((comment) => comment.deleted)).toBe(true);
  });

  it('follows the article lifecycle by aggregate version, whatever the delivery order', async () => {
    const article = await publishedArticle(); // version 2
    const c1 = (await post(guest(article))).body.commentId as number;
    expect(await server.deliver(articleLifecycleEvent('unpublished', article, 3))).toBe(200);
    expect(await list(article)).toMatchObject({ status: 200, body: { comments: [] } });
    expect((await post(guest(article))).status).toBe(404);
    expect(await server.deliver(articlePublishedEvent(article, 2))).toBe(200); // a late, older publish changes nothing
    expect(await tree(article)).toEqual([]);
    expect(await server.deliver(articlePublishedEvent(article, 4))).toBe(200);
    expect((await tree(article)).map((comment) => comment.id)).toEqual([c1]);
    expect(await server.deliver(articleLifecycleEvent('deleted', article, 6))).toBe(200);
    expect(await server.deliver(articlePublishedEvent(article, 5))).toBe(200);
    expect(await tree(article)).toEqual([]);
    expect(await server.deliver(articleLifecycleEvent('restored', article, 7))).toBe(200);
    expect((await post(guest(article))).status).toBe(404);
  });

  it('rejects, without retry, events it can never apply, and skips other types of its topic', async () => {
    const event = (type: string, data: unknown, extensions: Record<string, string> = { aggregateversion: '3' }) =>
      new CloudEvent({ id: randomBytes(4).toString('hex'), source: '/pilog/blog', type, subject: '1', datacontenttype: 'application/json', data, ...extensions });
    const article = 'pilog.blog.article';
    expect(await server.deliverCloudEvent(article, event('pilog.blog.article.published.v1', { articleId: 'one' }))).toBe(400);
    expect(await server.deliverCloudEvent(article, event('pilog.blog.article.unpublished.v1', { articleId: 1 }, {}))).toBe(400);
    expect(await server.deliverCloudEvent(article, event('pilog.blog.article.draft-saved.v1', { articleId: 1 }))).toBe(200);
    expect(await server.deliverCloudEvent('pilog.auth.user', event('pilog.auth.user.profile-changed.v1', { userId: 1 }))).toBe(400);
  });
});

/** The abuse limits of §2.4, each counted where the contract says, with small limits to reach them. */
describe.each(['embedded', 'services'] as const)('comment rate limits (%s profile)', (profile) => {
  let server: FunctionsPlatform;
  let nextArticle = Number(`${Date.now() % 1_000_000}500`);
  const newAddress = () => `10.${randomBytes(3).join('.')}`;

  beforeAll(async () => {
    server = await startTestPlatform(profile, { functions: commentFunctions, trustedProxyHops: 1, env: { PILOG_COMMENT_RATE: '3/1m,50/1h', PILOG_COMMENT_PASSWORD_RATE: '2/10m' } });
  });
  afterAll(() => server?.close());

  const call = (method: string, path: string, body: unknown, address: string) =>
    fetch(`${server.base}${path}`, { method, headers: { origin: FRONTEND_ORIGIN, 'content-type': 'application/json', 'x-forwarded-for': address }, body: JSON.stringify(body) });
  const guest = (articleId: number | string, extra: Record<string, unknown> = {}) => ({ refId: articleId, refType: 'ARTICLE', userName: 'g', password: 'pw', parentId: null, content: 'hi', ...extra });
  const article = async () => {
    const id = ++nextArticle;
    await server.deliver(articlePublishedEvent(id, 1));
    return id;
  };
  const expectLimited = async (response: Response, windowSeconds = 60) => {
    expect(response.status).toBe(429);
    expect(await response.json()).toMatchObject({ code: 'RATE_LIMITED' });
    const retryAfter = Number(response.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(windowSeconds);
  };

  it('limits creation per client address, across articles', async () => {
    const address = newAddress();
    for (let i = 0; i < 3; i++) expect((await call('POST', '/api/v1/comments', guest(await article()), address)).status).toBe(200);
    await expectLimited(await call('POST', '/api/v1/comments', guest(await article()), address));
    expect((await call('POST', '/api/v1/comments', guest(await article()), newAddress())).status).toBe(200);
  });

  it('limits creation per article, across client addresses', async () => {
    const target = await article();
    for (let i = 0; i < 3; i++) expect((await call('POST', '/api/v1/comments', guest(target), newAddress())).status).toBe(200);
    await expectLimited(await call('POST', '/api/v1/comments', guest(target), newAddress()));
  });

  it("does not let a stranger's failed requests spend an article's limit (issue 12, case 6)", async () => {
    const target = await article();
    const stranger = newAddress();
    for (let i = 0; i < 3; i++) expect((await call('POST', '/api/v1/comments', guest(target, { parentId: 999_999 + i }), stranger)).status).toBe(404);
    expect((await call('POST', '/api/v1/comments', guest(target, { content: '' }), newAddress())).status).toBe(400);
    expect((await call('POST', '/api/v1/comments', guest(target), newAddress())).status).toBe(200);
  });

  it('does not count the 401 that sends the frontend to refresh', async () => {
    const address = newAddress();
    const target = await article();
    for (let i = 0; i < 5; i++) expect((await call('POST', '/api/v1/comments', guest(target, { userName: null, password: null }), address)).status).toBe(401);
    expect((await call('POST', '/api/v1/comments', guest(target), address)).status).toBe(200);
  });

  it('limits password attempts per client address, and then refuses even the right password', async () => {
    const target = await article();
    const created = (await (await call('POST', '/api/v1/comments', guest(target), newAddress())).json()) as { commentId: number };
    const address = newAddress();
    expect((await call('DELETE', `/api/v1/comments/${created.commentId}`, { password: 'wrong' }, address)).status).toBe(403);
    expect((await call('DELETE', `/api/v1/comments/${created.commentId}`, { password: 'wrong again' }, address)).status).toBe(403);
    await expectLimited(await call('DELETE', `/api/v1/comments/${created.commentId}`, { password: 'pw' }, address), 600);
    expect((await call('DELETE', `/api/v1/comments/${created.commentId}`, { password: 'pw' }, newAddress())).status).toBe(200);
  });
});
