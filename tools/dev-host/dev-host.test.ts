import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../shared/platform/config/load-config.ts';
import { platformSettings } from '../../shared/platform/config/platform-settings.ts';
import { createLogger } from '../../shared/platform/logging/logger.ts';
import { spawnNode } from '../../shared/platform/runtime/testing/spawn-node.ts';
import { startDevHost, type DevHost } from './dev-host.ts';

const origin = 'http://localhost:3000';

describe('dev host, embedded profile', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'pilog-dev-host-'));
  let host: DevHost;
  beforeAll(async () => {
    const env = { PILOG_PROFILE: 'embedded', PILOG_DATA_DIR: dataDir };
    host = await startDevHost({
      port: 0,
      host: '127.0.0.1',
      platform: loadConfig(platformSettings, env),
      corsOrigins: [origin],
      env,
      logger: createLogger({ sink: { write: () => {} } }),
    });
  });
  afterAll(async () => {
    await host.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves every HTTP function on one port with the production route table', async () => {
    const docs = await fetch(`${host.url}/api/docs/openapi.json`, { headers: { origin } });
    expect(docs.status).toBe(200);
    expect(docs.headers.get('access-control-allow-origin')).toBe(origin);
    const paths = Object.keys(((await docs.json()) as { paths: object }).paths);
    expect(paths).toContain('/api/v1/auth/refresh');
    const refresh = await fetch(`${host.url}/api/v1/auth/refresh`, { method: 'POST', headers: { origin } });
    expect(refresh.status).toBe(401);
    expect(await refresh.json()).toMatchObject({ code: 'REFRESH_REJECTED' });
    expect((await fetch(`${host.url}/api/ai/chat`)).status).toBe(404);
  });

  it('points sign-in at the built-in identity provider it mounts', async () => {
    const { url } = (await (await fetch(`${host.url}/api/v1/auth/GOOGLE/url`)).json()) as { url: string };
    expect(url.startsWith(`${host.url}/oidc/auth?`)).toBe(true);
    expect((await fetch(`${host.url}/oidc/.well-known/openid-configuration`)).status).toBe(200);
  });

  it('fires cron functions the way a PingSource does', async () => {
    expect(await host.ping('events-sweep-outbox')).toBe('delivered');
  });
});

describe('npm start', () => {
  it('starts with no services, prints where it is, serves health, and stops cleanly on Ctrl-C', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pilog-npm-start-'));
    const proc = spawnNode(fileURLToPath(new URL('./main.ts', import.meta.url)), { PORT: '0', PILOG_DATA_DIR: dataDir });
    try {
      let url: string | undefined;
      for (let i = 0; i < 200 && !url; i++) {
        url = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(proc.stderr())?.[1];
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(url, proc.stderr()).toBeDefined();
      expect(proc.stderr()).toContain('(embedded profile)');
      expect(proc.stderr()).toContain(`data dir:   ${dataDir}`);
      const health = await fetch(`${url}/healthz`);
      expect(await health.json()).toEqual({ status: 'ok', profile: 'embedded' });
      proc.child.kill('SIGINT');
      expect((await proc.exited()).code).toBe(0);
      expect(proc.stderr()).toContain('stopped.');
    } finally {
      proc.child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('npm start while starting (issue 12, case 7)', () => {
  it('answers every request from the moment the port opens: 503 JSON with Retry-After while starting, then 200', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pilog-npm-start-'));
    const port = 20000 + Math.floor(Math.random() * 5000);
    const proc = spawnNode(fileURLToPath(new URL('./main.ts', import.meta.url)), { PORT: String(port), PILOG_DATA_DIR: dataDir });
    try {
      const starting: Array<{ retryAfter: string | null; body: unknown }> = [];
      for (let i = 0; i < 1000; i++) {
        // A request on an open port must be answered at once; refused connections (not yet listening) are retried.
        const response = await fetch(`http://127.0.0.1:${port}/api/docs/openapi.json`, { signal: AbortSignal.timeout(5000) }).catch((error: Error) => {
          if (error.name === 'TimeoutError') throw error;
          return undefined;
        });
        if (response?.status === 200) break;
        if (response) starting.push({ retryAfter: response.headers.get('retry-after'), body: await response.json() });
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(starting.length).toBeGreaterThan(0);
      for (const answer of starting) expect(answer).toEqual({ retryAfter: '1', body: { code: 'UPSTREAM_UNAVAILABLE', message: 'the server is starting' } });
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    } finally {
      proc.child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
