import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CookieJar } from '../../shared/auth/testing/browser.ts';
import { articlePublished } from '../../shared/events/blog-article.events.ts';
import { raise } from '../../shared/events/event-definition.ts';
import { systemClock } from '../../shared/kernel/clock.ts';
import { createSnowflake } from '../../shared/kernel/snowflake.ts';
import { openDatabase } from '../../shared/platform/database/database.ts';
import { jwtKey } from '../../shared/platform/http/identify.ts';
import { createLogger } from '../../shared/platform/logging/logger.ts';
import { processEventBus } from '../../shared/platform/messaging/event-publisher.in-process.ts';
import { appendToOutbox } from '../../shared/platform/outbox/append-to-outbox.ts';
import { createOutboxRelay } from '../../shared/platform/outbox/relay-outbox.ts';
import { FRONTEND_ORIGIN } from '../testing/api-caller.ts';
import { startTestPlatform, type WholePlatform } from '../testing/test-platform.ts';

interface CommentJson {
  id: number;
  content: string;
  nickname: string;
  authorId: number | null;
  deleted: boolean;
  children: CommentJson[];
}

const eventually = async <T>(probe: () => Promise<T | undefined>, what: string): Promise<T> => {
  for (let attempt = 0; attempt < 100; attempt++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
};

/**
 * Journey J2 against the dev host (embedded profile): the article becomes commentable through the blog's
 * `published` event, fed from the outbox to comment-track-articles; U's nickname
 * reaches the comments through auth's `userProfileChanged`, published at sign-in.
 */
describe('J2 — comments, through the dev host', () => {
  let pilog: WholePlatform;
  const A = 4_000_001;
  const guestJar = new CookieJar();

  beforeAll(async () => {
    pilog = await startTestPlatform('embedded', { env: { PILOG_COMMENT_RATE: '8/1m' } });
    const handle = await openDatabase({ profile: 'embedded', dataDir: pilog.dataDir, mysqlUrl: '' });
    const time = new Date().toISOString();
    const published = raise(articlePublished, { articleId: A, title: 'Hello', body: '# Body', thumbnailUrl: 'https://github.com/t.png', tags: [], createdAt: time, publishedAt: time, lastPublishedAt: time }, 2);
    const events = await handle.db.transaction().execute((trx) => appendToOutbox(trx, [published], { ids: createSnowflake(120, systemClock), clock: systemClock }));
    await createOutboxRelay({ db: handle.db, publisher: processEventBus, clock: systemClock, logger: createLogger({ sink: { write: () => {} } }) }).publishCommitted(events);
    await handle.close();
  });
  afterAll(() => pilog?.close());

  const tree = async (jar = guestJar): Promise<CommentJson[]> => {
    const response = await pilog.request(jar, `/api/v1/comments?refId=${A}&refType=ARTICLE`, { headers: { 'content-type': 'application/json' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(FRONTEND_ORIGIN);
    return ((await response.json()) as { comments: CommentJson[] }).comments;
  };
  const post = (jar: CookieJar, body: Record<string, unknown>) =>
    pilog.request(jar, '/api/v1/comments', { method: 'POST', body: { refId: A, refType: 'ARTICLE', userName: null, password: null, parentId: null, content: 'hi', ...body } });
  const remove = (jar: CookieJar, commentId: number, password: string | null) => pilog.request(jar, `/api/v1/comments/${commentId}`, { method: 'DELETE', body: { password } });

  it('runs J2 steps 1–6', async () => {
    // 1. A guest comment, once the published event has reached the comment context.
    const first = await eventually(async () => {
      const response = await post(guestJar, { userName: 'guest', password: 'pw' });
      return response.status === 404 ? undefined : response;
    }, 'the article to be published to comments');
    expect(first.status).toBe(200);
    expect(first.headers.get('access-control-allow-origin')).toBe(FRONTEND_ORIGIN);
    const C1 = ((await first.json()) as { commentId: number }).commentId;

    // 2. A reply; a reply to the reply and an over-long comment are refused.
    const C2 = ((await (await post(guestJar, { userName: 'guest', password: 'pw', parentId: C1, content: 'reply' })).json()) as { commentId: number }).commentId;
    expect((await post(guestJar, { userName: 'guest', password: 'pw', parentId: C2 })).status).toBe(400);
    expect((await post(guestJar, { userName: 'guest', password: 'pw', content: 'x'.repeat(1001) })).status).toBe(400);
    let comments = await tree();
    expect(comments[0]).toMatchObject({ id: C1, authorId: null, children: [{ id: C2 }] });

    // 3. The password decides.
    const bad = await remove(guestJar, C1, 'bad');
    expect(bad.status).toBe(403);
    expect(await bad.json()).toMatchObject({ code: 'PASSWORD_MISMATCH' });
    expect(await (await remove(guestJar, C1, 'pw')).json()).toEqual({ commentId: C1 });
    comments = await tree();
    expect(comments[0]).toMatchObject({ id: C1, deleted: true, content: '', children: [{ id: C2, deleted: false }] });

    // 4. As a signed-in user; only U or an ADMIN may delete U's comment.
    const u = await pilog.signIn('reader@example.com');
    const v = await pilog.signIn('other-reader@example.com');
    const admin = await pilog.signIn('admin@example.com');
    expect(admin.info.roles[0]).toBe('ADMIN');
    const mine = await post(u.jar, {});
    expect(mine.status).toBe(200);
    const C3 = ((await mine.json()) as { commentId: number }).commentId;
    const shown = await eventually(async () => {
      const comment = (await tree()).find((candidate) => candidate.id === C3);
      return comment?.nickname === 'UNKNOWN' ? undefined : comment;
    }, "U's profile to reach the comments");
    expect(shown).toMatchObject({ authorId: u.info.userId, nickname: u.info.nickName });
    const notMine = await remove(v.jar, C3, null);
    expect(notMine.status).toBe(403);
    expect(await notMine.json()).toMatchObject({ code: 'NOT_OWNER' });
    expect((await remove(u.jar, C3, null)).status).toBe(200);
    expect((await remove(admin.jar, C2, null)).status).toBe(200);

    // 5. With U's access cookie expired: 401, refresh, retry.
    const key = jwtKey({ profile: 'embedded', dataDir: pilog.dataDir, jwtSecret: '' });
    const now = Math.floor(Date.now() / 1000);
    const expired = await new SignJWT({ typ: 'access', roles: ['USER'], fid: 'expired-family' }).setProtectedHeader({ alg: 'HS256' }).setSubject(String(u.info.userId)).setIssuedAt(now - 7200).setExpirationTime(now - 3600).sign(key);
    const expiredJar = new CookieJar();
    const refreshCookie = u.jar.get('jiniaslog_refresh');
    const stale = await pilog.request(expiredJar, '/api/v1/comments', {
      method: 'POST',
      body: { refId: A, refType: 'ARTICLE', userName: null, password: null, parentId: null, content: 'after refresh' },
      headers: { cookie: `jiniaslog_access=${expired}` },
    });
    expect(stale.status).toBe(401);
    const refreshed = await pilog.request(u.jar, '/api/v1/auth/refresh', { method: 'POST' });
    expect(refreshed.status).toBe(200);
    expect(u.jar.get('jiniaslog_refresh')?.value).not.toBe(refreshCookie?.value);
    expect((await post(u.jar, { content: 'after refresh' })).status).toBe(200);

    // 6. Past the rate (8 a minute here): 429 with Retry-After.
    let limited: Response | undefined;
    for (let attempt = 0; attempt < 10 && !limited; attempt++) {
      const response = await post(guestJar, { userName: 'guest', password: 'pw' });
      if (response.status === 429) limited = response;
      else expect(response.status).toBe(200);
    }
    expect(limited?.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
    expect(await limited?.json()).toMatchObject({ code: 'RATE_LIMITED' });
  });
});
