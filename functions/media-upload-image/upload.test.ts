import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJoseSessionTokens } from '../../shared/auth/adapters/session-tokens.jose.ts';
import { systemClock } from '../../shared/kernel/clock.ts';
import { LOCAL_MEDIA_PATH } from '../../shared/media/adapters/image-store.local.ts';
import { createMediaFilesListener } from '../../shared/media/adapters/media-files.http.ts';
import { DEFAULT_UPLOAD_MAX_BYTES, MULTIPART_OVERHEAD_BYTES } from '../../shared/media/adapters/media-settings.ts';
import { startGithubContentsServer, type GithubContentsServer } from '../../shared/media/testing/github-contents-server.ts';
import { samples } from '../../shared/media/testing/image-samples.ts';
import { createCors } from '../../shared/platform/http/cors.ts';
import { createHttpEdge } from '../../shared/platform/http/edge.ts';
import { edgeRoutes } from '../../shared/platform/http/edge-routes.ts';
import { createLogger } from '../../shared/platform/logging/logger.ts';
import { registeredListener } from '../../shared/platform/runtime/register-function.ts';
import type { RunningFunction } from '../../shared/platform/runtime/running-function.ts';
import { manifest } from './function.ts';
import { loadFunction } from '../function-modules.ts';

const ORIGIN = 'http://localhost:3000';
const SECRET = 'media-test-secret-that-is-long-enough!!';
const TOKEN = 'ghp_MediaFunctionTestToken0123456789abcd';

/**
 * Journey J5 over HTTP, with each store: the local directory (embedded, files served as the dev host serves them)
 * and GitHub (the real Octokit client against a local contents API). After every refused upload the store is empty.
 */
describe.each(['local', 'github'] as const)('image upload with the %s store', (store) => {
  let server: Server;
  let base: string;
  let running: RunningFunction;
  let github: GithubContentsServer | undefined;
  let dataDir: string;
  let cookie: string;
  const logLines: string[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'pilog-media-'));
    server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    github = store === 'github' ? await startGithubContentsServer({ token: TOKEN, owner: 'jinia91', repo: 'blog-images' }) : undefined;
    const env: Record<string, string> =
      store === 'local'
        ? { PILOG_PROFILE: 'embedded', PILOG_DATA_DIR: dataDir, PILOG_JWT_SECRET: SECRET, PILOG_PUBLIC_API_URL: base }
        : { PILOG_PROFILE: 'services', PILOG_JWT_SECRET: SECRET, PILOG_GITHUB_TOKEN: TOKEN, PILOG_GITHUB_REPOSITORY: 'jinia91/blog-images', PILOG_GITHUB_API_URL: github?.apiUrl ?? '' };
    const logger = createLogger({ level: 'debug', sink: { write: (line) => void logLines.push(line) } });
    running = await (await loadFunction(manifest)).start({ logger, env });
    const listener = registeredListener(manifest.name);
    const edge = createHttpEdge({ routes: edgeRoutes([manifest]), cors: createCors([ORIGIN]), trustedProxyHops: 0, dispatch: () => listener });
    const files = createMediaFilesListener(join(dataDir, 'media'));
    server.on('request', (req, res) => (req.url?.startsWith(LOCAL_MEDIA_PATH) ? void files(req, res) : edge(req, res)));
    const tokens = createJoseSessionTokens({ key: new TextEncoder().encode(SECRET), accessTtlSeconds: 600, refreshTtlSeconds: 600, clock: systemClock });
    cookie = `jiniaslog_access=${(await tokens.mint({ userId: 4242, roles: ['USER'], fid: 'media-test' })).access}`;
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    await running?.close();
    await github?.close();
    rmSync(dataDir, { recursive: true, force: true });
    expect(logLines.join('\n')).not.toContain(TOKEN);
  });

  const stored = (): number => (store === 'github' ? (github?.files.size ?? 0) : readdirSync(join(dataDir, 'media'), { withFileTypes: true }).length);
  const form = (parts: Array<[field: string, bytes: Uint8Array | string, filename?: string, type?: string]>) => {
    const data = new FormData();
    for (const [field, bytes, filename, type] of parts) {
      if (typeof bytes === 'string' && filename === undefined) data.append(field, bytes);
      else data.append(field, new Blob([typeof bytes === 'string' ? bytes : Buffer.from(bytes)], { type: type ?? 'application/octet-stream' }), filename ?? 'upload.bin');
    }
    return data;
  };
  const upload = (body: FormData | string, options: { signedIn?: boolean; headers?: Record<string, string> } = {}) =>
    fetch(`${base}/api/v1/media/image`, { method: 'POST', headers: { origin: ORIGIN, ...(options.signedIn === false ? {} : { cookie }), ...options.headers }, body });
  const expectRefused = async (response: Response, status: number, code: string, message?: RegExp) => {
    expect(response.status).toBe(status);
    expect(await response.json()).toMatchObject({ code, ...(message ? { message: expect.stringMatching(message) } : {}) });
    expect(response.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(stored()).toBe(0);
  };

  it('refuses every bad upload with its status and stores nothing', async () => {
    // The first upload of the suite may need the directory: create it the way the store would, empty.
    if (store === 'local') (await import('node:fs')).mkdirSync(join(dataDir, 'media'), { recursive: true });
    await expectRefused(await upload(form([['image', samples.png, 'a.png', 'image/png']]), { signedIn: false }), 401, 'UNAUTHENTICATED');
    await expectRefused(await upload(form([['image', samples.text, 'x.png', 'image/png']])), 415, 'UNSUPPORTED_MEDIA_TYPE');
    await expectRefused(await upload(form([['image', samples.svg, 'x.svg', 'image/svg+xml']])), 415, 'UNSUPPORTED_MEDIA_TYPE');
    await expectRefused(await upload(form([['image', samples.svgBare, 'x.png', 'image/png']])), 415, 'UNSUPPORTED_MEDIA_TYPE');
    await expectRefused(await upload(form([['image', new Uint8Array(), 'empty.png', 'image/png']])), 400, 'VALIDATION_FAILED');
    await expectRefused(await upload(form([['file', samples.png, 'a.png', 'image/png'], ['title', 'not the image']])), 400, 'VALIDATION_FAILED');
    await expectRefused(await upload(JSON.stringify({ image: 'data' }), { headers: { 'content-type': 'application/json' } }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    await expectRefused(await upload('--x\r\nContent-Disposition: form-data; name="image"; filename="a"\r\n\r\n', { headers: { 'content-type': 'multipart/form-data; boundary=x' } }), 400, 'VALIDATION_FAILED');
  });

  it('refuses one byte over the limit while parsing, and a body past the limit before reading it all (413)', async () => {
    const overByOne = new Uint8Array(DEFAULT_UPLOAD_MAX_BYTES + 1);
    overByOne.set(samples.png);
    // Within the route's body limit: busboy stops at the first byte past the file limit.
    await expectRefused(await upload(form([['image', overByOne, 'big.png', 'image/png']])), 413, 'PAYLOAD_TOO_LARGE', /^the image is larger/);
    const farOver = new Uint8Array(DEFAULT_UPLOAD_MAX_BYTES + MULTIPART_OVERHEAD_BYTES + 1);
    farOver.set(samples.png);
    // Past the route's body limit: the edge refuses it before the function sees it.
    await expectRefused(await upload(form([['image', farOver, 'huge.png', 'image/png']])), 413, 'PAYLOAD_TOO_LARGE', /^request body is larger/);
  });

  it('stores a JPEG sent as x.png and text/plain by what its bytes are, and answers 201 with Location and url', async () => {
    const response = await upload(form([['image', samples.jpg, 'x.png', 'text/plain']]));
    expect(response.status).toBe(201);
    const { url } = (await response.json()) as { url: string };
    expect(response.headers.get('location')).toBe(url);
    expect(url).toMatch(store === 'github' ? /^https:\/\/github\.com\/jinia91\/blog-images\/blob\/main\/img\/[0-9a-f]{64}\.jpg\?raw=true$/ : new RegExp(`^${base}/media/[0-9a-f]{64}\\.jpg$`));
    expect(stored()).toBe(1);
    const again = await upload(form([['image', samples.jpg, 'other-name.jpeg', 'image/jpeg']]));
    expect(((await again.json()) as { url: string }).url).toBe(url);
    expect(stored()).toBe(1);
    if (store === 'local') {
      const image = await fetch(url);
      expect(image.status).toBe(200);
      expect(image.headers.get('content-type')).toBe('image/jpeg');
      expect(image.headers.get('x-content-type-options')).toBe('nosniff');
      expect(Buffer.from(await image.arrayBuffer()).equals(Buffer.from(samples.jpg))).toBe(true);
    } else {
      const [request] = github?.requests ?? [];
      expect(request?.body.content).toBe(Buffer.from(samples.jpg).toString('base64'));
    }
  });

  it('accepts an image of exactly the limit', async () => {
    const exact = new Uint8Array(DEFAULT_UPLOAD_MAX_BYTES);
    exact.set(samples.gif89);
    const response = await upload(form([['image', exact, 'exact.gif', 'image/gif']]));
    expect(response.status).toBe(201);
  });

  if (store === 'github') {
    it('answers 503 with Retry-After when GitHub rate-limits or fails, storing nothing', async () => {
      const before = github?.files.size ?? 0;
      github?.failNext(403, { 'x-ratelimit-remaining': '0', 'retry-after': '42' }, { message: 'API rate limit exceeded' });
      const limited = await upload(form([['image', samples.avif, 'a.avif', 'image/avif']]));
      expect(limited.status).toBe(503);
      expect(limited.headers.get('retry-after')).toBe('42');
      expect(await limited.json()).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
      github?.failNext(502);
      const failed = await upload(form([['image', samples.avif, 'a.avif', 'image/avif']]));
      expect(failed.status).toBe(503);
      expect(Number(failed.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(JSON.stringify(await failed.json())).not.toContain(TOKEN);
      expect(github?.files.size).toBe(before);
    });
  }
});
