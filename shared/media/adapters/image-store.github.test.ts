import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../platform/logging/logger.ts';
import { startGithubContentsServer, type GithubContentsServer } from '../testing/github-contents-server.ts';
import { samples } from '../testing/image-samples.ts';
import type { StoredImage } from '../ports/image-store.port.ts';
import { createGithubImageStore, type GithubStoreOptions } from './image-store.github.ts';

const TOKEN = 'ghp_TestTokenThatMustNeverBeLogged0123456789';

const imageOf = (bytes: Uint8Array, extension: string): StoredImage => ({
  name: `${createHash('sha256').update(bytes).digest('hex')}.${extension}`,
  bytes,
  contentType: `image/${extension}`,
});

/** The real Octokit client against a local server speaking GitHub's contents API. */
describe('the GitHub image store', () => {
  let github: GithubContentsServer;
  const logLines: string[] = [];
  const storeWith = (overrides: Partial<GithubStoreOptions> = {}) =>
    createGithubImageStore({
      token: TOKEN,
      owner: 'jinia91',
      repo: 'blog-images',
      branch: 'main',
      pathPrefix: 'img',
      apiUrl: github.apiUrl,
      rawUrlBase: 'https://github.com',
      logger: createLogger({ level: 'debug', sink: { write: (line) => void logLines.push(line) } }),
      ...overrides,
    });

  beforeAll(async () => {
    github = await startGithubContentsServer({ token: TOKEN, owner: 'jinia91', repo: 'blog-images', branches: ['main', 'images'] });
  });
  beforeEach(() => {
    github.requests.length = 0;
    github.files.clear();
  });
  afterAll(async () => {
    await github?.close();
    expect(logLines.join('\n')).not.toContain(TOKEN);
    expect(logLines.join('\n')).not.toContain(TOKEN.slice(4, 20));
  });

  it('commits the image with one PUT to the contents API and answers the github.com raw URL', async () => {
    const image = imageOf(samples.png, 'png');
    const saved = await storeWith().save(image);
    expect(saved).toEqual({ ok: true, value: `https://github.com/jinia91/blog-images/blob/main/img/${image.name}?raw=true` });
    expect(github.requests).toHaveLength(1);
    const [request] = github.requests;
    expect(request).toMatchObject({ method: 'PUT', owner: 'jinia91', repo: 'blog-images', path: `img/${image.name}`, authorization: `token ${TOKEN}` });
    expect(request?.body).toEqual({ branch: 'main', message: `Upload ${image.name}`, content: Buffer.from(samples.png).toString('base64') });
    expect(request?.headers['user-agent']).toMatch(/^pilog-media-upload-image /);
    expect(github.files.get(`jinia91/blog-images@main:img/${image.name}`)?.bytes.equals(Buffer.from(samples.png))).toBe(true);
  });

  it('answers the same URL for the same bytes again without a second commit', async () => {
    const image = imageOf(samples.gif89, 'gif');
    const first = await storeWith().save(image);
    const second = await storeWith().save(image);
    expect(second).toEqual(first);
    expect(github.requests.map((request) => request.body.sha)).toEqual([undefined, undefined]);
    expect(github.files.size).toBe(1);
  });

  it('uses the configured branch and path prefix', async () => {
    const image = imageOf(samples.webp, 'webp');
    const saved = await storeWith({ branch: 'images', pathPrefix: 'assets/uploads' }).save(image);
    expect(saved).toEqual({ ok: true, value: `https://github.com/jinia91/blog-images/blob/images/assets/uploads/${image.name}?raw=true` });
    expect(github.requests[0]).toMatchObject({ path: `assets/uploads/${image.name}`, body: { branch: 'images' } });
  });

  it.each([
    ['a primary rate limit (403, remaining 0)', 403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 120) }, { message: 'API rate limit exceeded' }, [110, 121]],
    ['a secondary rate limit (403, Retry-After)', 403, { 'retry-after': '17' }, { message: 'You have exceeded a secondary rate limit' }, [17, 17]],
    ['429 Too Many Requests', 429, { 'retry-after': '5' }, { message: 'Too Many Requests' }, [5, 5]],
    ['500', 500, {}, { message: 'Server Error' }, [30, 30]],
    ['502', 502, {}, { message: 'Bad Gateway' }, [30, 30]],
    ['503 with Retry-After', 503, { 'retry-after': '9' }, { message: 'Unavailable' }, [9, 9]],
  ] as const)('turns %s into UPSTREAM_UNAVAILABLE with a wait', async (_case, status, headers, body, [least, most]) => {
    github.failNext(status, headers, body);
    const saved = await storeWith().save(imageOf(samples.jpg, 'jpg'));
    if (saved.ok) throw new Error('expected a failure');
    expect(saved.error.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(saved.error.retryAfterSeconds).toBeGreaterThanOrEqual(least);
    expect(saved.error.retryAfterSeconds).toBeLessThanOrEqual(most);
    expect(JSON.stringify(saved.error)).not.toContain(TOKEN);
  });

  it('turns a refused token into UPSTREAM_UNAVAILABLE without a wait, and never repeats the token', async () => {
    const saved = await storeWith({ token: 'ghp_WrongTokenAlsoSecret' }).save(imageOf(samples.jpg, 'jpg'));
    expect(saved).toEqual({ ok: false, error: { code: 'UPSTREAM_UNAVAILABLE', message: 'the image store refused the upload' } });
    expect(logLines.join('\n')).not.toContain('WrongTokenAlsoSecret');
    expect(logLines.some((line) => line.includes('"status":401'))).toBe(true);
  });

  it('takes only the "sha wasn\'t supplied" 422 for an image already there; another 422 is a failure', async () => {
    github.failNext(422, {}, { message: 'Invalid request.\n\n"content" is not valid Base64.' });
    const saved = await storeWith().save(imageOf(samples.jpg, 'jpg'));
    expect(saved).toMatchObject({ ok: false, error: { code: 'UPSTREAM_UNAVAILABLE' } });
    expect(github.files.size).toBe(0);
  });

  it('turns an unreachable API into UPSTREAM_UNAVAILABLE', async () => {
    const saved = await storeWith({ apiUrl: 'http://127.0.0.1:9' }).save(imageOf(samples.jpg, 'jpg'));
    expect(saved.ok).toBe(false);
    if (!saved.ok) expect(saved.error).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', retryAfterSeconds: 30 });
  });
});
