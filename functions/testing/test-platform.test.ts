import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArticleView } from '../../shared/blog/domain/article-views.ts';
import { startTestPlatform, type WholePlatform } from './test-platform.ts';

/** The platform's own promises: each role is its own person with its own roles, and a publish is readable by anyone. */
describe('the test platform (whole registry, embedded)', () => {
  let platform: WholePlatform;
  beforeAll(async () => {
    platform = await startTestPlatform('embedded');
  });
  afterAll(() => platform?.close());

  it('signs in each role as a person of its own, ADMIN only for the admin', async () => {
    const [user, admin, anotherOwner, anonymous] = await Promise.all([platform.signInAs('user'), platform.signInAs('admin'), platform.signInAs('anotherOwner'), platform.signInAs('anonymous')]);
    expect([user.caller.roles, admin.caller.roles, anotherOwner.caller.roles, anonymous.caller.roles]).toEqual([['USER'], ['ADMIN'], ['USER'], []]);
    expect(new Set([user.caller.userId, admin.caller.userId, anotherOwner.caller.userId]).size).toBe(3);
    expect(anonymous.cookie()).toBe('');
  });

  it('publishes an article that an anonymous reader then reads as published', async () => {
    const articleId = await platform.publishArticle(await platform.signInAs('admin'), { title: 'Platform walrus', contents: 'body', thumbnailUrl: 'https://github.com/x.png' });
    const read = await platform.anonymous.json<ArticleView>('GET', `/api/v1/articles/${articleId}?expectedStatus=PUBLISHED`);
    expect(read).toMatchObject({ status: 200, body: { id: articleId, title: 'Platform walrus' } });
  });

  it('refuses to publish for a caller who may not', async () => {
    await expect(platform.publishArticle(await platform.signInAs('user'))).rejects.toThrow(/while publishing: 403/);
  });
});
