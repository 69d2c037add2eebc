import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CookieJar } from '../../shared/auth/testing/browser.ts';
import { DEFAULT_UPLOAD_MAX_BYTES } from '../../shared/media/adapters/media-settings.ts';
import { samples } from '../../shared/media/testing/image-samples.ts';
import { FRONTEND_ORIGIN } from '../testing/api-caller.ts';
import { startTestPlatform, type WholePlatform } from '../testing/test-platform.ts';

/** Journey J5 against the dev host (embedded profile): the local store, and its files served by the dev host. */
describe('J5 — image upload, through the dev host', () => {
  let pilog: WholePlatform;
  beforeAll(async () => {
    pilog = await startTestPlatform('embedded');
  });
  afterAll(() => pilog?.close());

  const form = (field: string, bytes: Uint8Array | string, filename: string, type: string) => {
    const data = new FormData();
    data.append(field, new Blob([typeof bytes === 'string' ? bytes : Buffer.from(bytes)], { type }), filename);
    return data;
  };
  const upload = (jar: CookieJar, data: FormData) => pilog.request(jar, '/api/v1/media/image', { method: 'POST', form: data });
  const storedFiles = (): string[] => {
    try {
      return readdirSync(join(pilog.dataDir, 'media'));
    } catch {
      return [];
    }
  };

  it('runs J5', async () => {
    const { jar } = await pilog.signIn('writer@example.com');
    const anonymous = await upload(new CookieJar(), form('image', samples.png, 'a.png', 'image/png'));
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('access-control-allow-origin')).toBe(FRONTEND_ORIGIN);

    for (const [data, status] of [
      [form('image', samples.text, 'x.png', 'image/png'), 415],
      [form('image', samples.svg, 'x.svg', 'image/svg+xml'), 415],
      [form('image', new Uint8Array(), 'x.png', 'image/png'), 400],
      [form('picture', samples.png, 'x.png', 'image/png'), 400],
      [form('image', new Uint8Array(DEFAULT_UPLOAD_MAX_BYTES + 1).fill(0xff, 0, 3), 'big.jpg', 'image/jpeg'), 413],
    ] as const) {
      const response = await upload(jar, data);
      expect(response.status).toBe(status);
      expect(storedFiles()).toEqual([]);
    }

    const created = await upload(jar, form('image', samples.jpg, 'x.png', 'text/plain'));
    expect(created.status).toBe(201);
    const { url } = (await created.json()) as { url: string };
    expect(created.headers.get('location')).toBe(url);
    expect(url.startsWith(`${pilog.host.url}/media/`)).toBe(true);
    const image = await fetch(url);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/jpeg');
    expect(image.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await image.arrayBuffer()).equals(Buffer.from(samples.jpg))).toBe(true);
    expect((await fetch(`${pilog.host.url}/media/..%2fpilog.sqlite`)).status).toBe(404);
  });
});
