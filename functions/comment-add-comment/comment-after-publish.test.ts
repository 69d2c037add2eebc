import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_EMAIL } from '../testing/platform-env.ts';
import { startTestPlatform, type FunctionsPlatform, type WholePlatform } from '../testing/test-platform.ts';
import { FRONTEND_ORIGIN, type ApiCaller } from '../testing/api-caller.ts';
import { commentFunctions } from './testing/comment-functions.ts';

/**
 * Read-your-write across contexts. In the cluster the comment function learns about a published article from the
 * blog's event, seconds after the publish answer (a cold start of comment-track-articles plus Kafka). Here the
 * comment functions run on a database of their own that no blog event ever reaches: the state of that window, held
 * open. They find the blog's public read route at PILOG_BLOG_READ_URL, as they do in the cluster.
 */
describe.each(['embedded', 'services'] as const)('a comment right after the publish answer (%s)', (profile) => {
  let blog: WholePlatform | undefined;
  let admin: ApiCaller;
  let comments: FunctionsPlatform;
  beforeAll(async () => {
    const host = await startTestPlatform(profile);
    blog = host;
    admin = await host.signIn(ADMIN_EMAIL);
    comments = await startTestPlatform(profile, { functions: commentFunctions, trustedProxyHops: 1, env: { PILOG_BLOG_READ_URL: host.host.url } });
  }, 120_000);
  afterAll(async () => {
    await comments?.close();
    await blog?.close();
  });

  const newArticle = async (title: string): Promise<number> => {
    const id = (await admin.json<{ articleId: number }>('POST', '/api/v1/articles')).body.articleId;
    await admin.json('PUT', `/api/v1/articles/${id}/draft`, { title, contents: 'body', thumbnailUrl: 'https://github.com/x.png' });
    return id;
  };
  const publish = (id: number) => admin.json('PATCH', `/api/v1/articles/${id}`, { asIsStatus: 'DRAFT', toBeStatus: 'PUBLISHED' });
  const comment = async (articleId: number, content: string) => {
    const response = await fetch(`${comments.base}/api/v1/comments`, {
      method: 'POST',
      headers: { origin: FRONTEND_ORIGIN, 'content-type': 'application/json' },
      body: JSON.stringify({ refId: articleId, refType: 'ARTICLE', userName: 'guest', password: 'pw1234', parentId: null, content }),
    });
    return { status: response.status, body: (await response.json()) as { commentId?: number; code?: string } };
  };
  const thread = async (articleId: number) =>
    ((await (await fetch(`${comments.base}/api/v1/comments?refId=${articleId}&refType=ARTICLE`)).json()) as { comments: Array<{ content: string }> }).comments;

  it('is accepted at once, remembered without asking the blog again, and a draft is still not found', async () => {
    const draft = await newArticle('Draft');
    expect(await comment(draft, 'too early')).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });

    const fresh = await newArticle('Fresh');
    expect((await publish(fresh)).status).toBe(200);
    expect(await comment(fresh, 'first!')).toMatchObject({ status: 200, body: { commentId: expect.any(Number) } });
    expect((await thread(fresh)).map((c) => c.content)).toEqual(['first!']);

    // The answer was remembered: with the blog gone, the article is still known to be published.
    const gone = blog;
    blog = undefined;
    await gone?.close();
    expect(await comment(fresh, 'second')).toMatchObject({ status: 200 });
    // An article the read model does not know, with the blog unreachable: 503 to retry, never a 404 or a 500.
    expect(await comment(draft, 'blog down')).toMatchObject({ status: 503, body: { code: 'UPSTREAM_UNAVAILABLE' } });
  }, 60_000);
});
