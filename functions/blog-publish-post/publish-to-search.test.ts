import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArticleCard, ArticleView } from '../../shared/blog/domain/article-views.ts';
import { ADMIN_EMAIL } from '../testing/platform-env.ts';
import { eventually } from '../../shared/platform/testing/eventually.ts';
import { startTestPlatform, type WholePlatform } from '../testing/test-platform.ts';
import { type ApiCaller } from '../testing/api-caller.ts';

/** Words no other article of the shared test OpenSearch can contain. */
const hangul = (length: number) => Array.from({ length }, () => String.fromCodePoint(0xac00 + randomInt(11172))).join('');
const latin = (length: number) => Array.from({ length }, () => String.fromCharCode(97 + randomInt(26))).join('');

/**
 * The must-show journey, in each profile over HTTP through the whole platform: the admin creates, saves a draft,
 * tags and publishes; the reader finds the article by a Korean and an English keyword through `/simple`; unpublishing
 * takes it out of search. Services: MariaDB, Redis, Kafka (the dev host's KafkaSource emulation) and OpenSearch.
 */
describe.each(['embedded', 'services'] as const)('publish → search over HTTP (%s profile)', (profile) => {
  let blog: WholePlatform;
  let admin: ApiCaller;

  beforeAll(async () => {
    blog = await startTestPlatform(profile);
    admin = await blog.signIn(ADMIN_EMAIL);
  });
  afterAll(() => blog?.close());

  const search = async (keyword: string) =>
    blog.anonymous.json<ArticleCard[]>('GET', `/api/v1/articles/simple?status=PUBLISHED&keyword=${encodeURIComponent(keyword)}`);
  const found = async (keyword: string, id: number) => {
    const { status, body } = await search(keyword);
    expect(status, JSON.stringify(body)).toBe(200);
    return body.some((card) => card.id === id);
  };

  it('creates, saves a draft, tags, publishes, finds by Korean and English keywords, and unpublishing removes it', async () => {
    const korean = hangul(4);
    const english = `pilog${latin(8)}`;
    const created = await admin.call('POST', '/api/v1/articles', undefined);
    expect(created.status).toBe(201);
    const { articleId } = (await created.json()) as { articleId: number };
    expect(created.headers.get('location')).toBe(`/api/v1/articles/${articleId}`);

    const draft = {
      title: `라즈베리 파이 클러스터 ${korean}기`,
      contents: `Running ${english[0]?.toUpperCase()}${english.slice(1)} on k3s: 쿠버네티스와 Knative로 블로그를 옮겼습니다.`,
      thumbnailUrl: 'https://github.com/jinia91/blogimg/blob/main/img/pi.png?raw=true',
    };
    expect(await admin.json('PUT', `/api/v1/articles/${articleId}/draft`, draft)).toEqual({ status: 200, body: { articleId } });
    expect(await admin.json('POST', `/api/v1/articles/${articleId}/tags`, { tagName: 'kotlin' })).toEqual({ status: 200, body: { tagId: articleId } });
    expect(await admin.json('POST', `/api/v1/articles/${articleId}/tags`, { tagName: 'Kotlin' })).toEqual({ status: 200, body: { tagId: articleId } });

    const publishedAt = Date.now();
    expect(await admin.json('PATCH', `/api/v1/articles/${articleId}`, { asIsStatus: 'DRAFT', toBeStatus: 'PUBLISHED' })).toEqual({ status: 200, body: { articleId } });
    const view = await blog.anonymous.json<ArticleView>('GET', `/api/v1/articles/${articleId}?expectedStatus=PUBLISHED`);
    expect(view).toMatchObject({ status: 200, body: { id: articleId, title: draft.title, content: draft.contents, isPublished: true, tags: [{ name: 'kotlin' }] } });

    // A syllable run inside a Korean word (with its particle) and a prefix of an English word, in another case.
    expect(await eventually(() => found(korean, articleId))).toBe(true);
    const searchableMs = Date.now() - publishedAt;
    expect(await found(english.slice(0, 10).toUpperCase(), articleId)).toBe(true);
    const [card] = (await search(korean)).body;
    expect(card).toMatchObject({ id: articleId, title: draft.title, contentStatus: 'PUBLISHED', tags: [{ name: 'kotlin' }] });
    console.info(`[${profile}] searchable ${searchableMs} ms after the publish`);

    expect(await admin.json('PATCH', `/api/v1/articles/${articleId}`, { asIsStatus: 'PUBLISHED', toBeStatus: 'DRAFT' })).toEqual({ status: 200, body: { articleId } });
    expect((await blog.anonymous.call('GET', `/api/v1/articles/${articleId}?expectedStatus=PUBLISHED`)).status).toBe(404);
    expect(await eventually(async () => !(await found(korean, articleId)))).toBe(true);
    expect(await found(english, articleId)).toBe(false);
  });
});
