import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArticleCard } from '../../shared/blog/domain/article-views.ts';
import { ADMIN_EMAIL } from '../testing/platform-env.ts';
import { startTestPlatform, type WholePlatform } from '../testing/test-platform.ts';
import { type ApiCaller } from '../testing/api-caller.ts';

const FIRST_PAGE = '/api/v1/articles/simple?cursor=9007199254740990&limit=20&status=PUBLISHED';
const THUMBNAIL = 'https://github.com/jinia91/blogimg/blob/main/img/a.png?raw=true';

/**
 * Cached reads are sent as bytes serialised once, with an ETag: the same bytes and tag while nothing changed, 304
 * for a caller that holds them, and a new tag and body as soon as a write has retired the generation.
 */
describe.each(['embedded', 'services'] as const)('cached reads with ETags (%s profile)', (profile) => {
  let blog: WholePlatform;
  let admin: ApiCaller;
  beforeAll(async () => {
    blog = await startTestPlatform(profile);
    admin = await blog.signIn(ADMIN_EMAIL);
  });
  afterAll(() => blog?.close());

  const get = (path: string, etag?: string) => fetch(`${blog.host.url}${path}`, { headers: etag === undefined ? {} : { 'If-None-Match': etag } });
  const publishNew = async (title: string): Promise<number> => {
    const { articleId } = (await admin.json<{ articleId: number }>('POST', '/api/v1/articles')).body;
    await admin.json('PUT', `/api/v1/articles/${articleId}/draft`, { title, contents: `${title} body`, thumbnailUrl: THUMBNAIL });
    expect((await admin.json('PATCH', `/api/v1/articles/${articleId}`, { asIsStatus: 'DRAFT', toBeStatus: 'PUBLISHED' })).status).toBe(200);
    return articleId;
  };

  it('answers the first page and a detail with a stable ETag, 304 to its holder, and a new one after a publish', async () => {
    const first = await publishNew('Cached walrus');
    for (const path of [FIRST_PAGE, `/api/v1/articles/${first}?expectedStatus=PUBLISHED`]) {
      const fresh = await get(path);
      const etag = fresh.headers.get('etag') ?? '';
      expect(etag).toMatch(/^"[\w-]+"$/);
      const again = await get(path);
      expect({ etag: again.headers.get('etag'), body: await again.text() }).toEqual({ etag, body: await fresh.text() });
      const held = await get(path, etag);
      expect({ status: held.status, etag: held.headers.get('etag'), body: await held.text() }).toEqual({ status: 304, etag, body: '' });
      expect((await get(path, '"someone-else"')).status).toBe(200);
    }
    const before = (await get(FIRST_PAGE)).headers.get('etag') ?? '';
    const second = await publishNew('Cached narwhal');
    const after = await get(FIRST_PAGE, before);
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(before);
    expect(((await after.json()) as ArticleCard[]).map((card) => card.id).slice(0, 2)).toEqual([second, first]);
  });
});
