import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SHUTDOWN_DEADLINE_MS } from './graceful-shutdown.ts';
import { spawnNode } from './testing/spawn-node.ts';

const fixture = fileURLToPath(new URL('./testing/slow-server.fixture.ts', import.meta.url));
const docsFunction = fileURLToPath(new URL('../../../functions/docs-serve-api/main.ts', import.meta.url));

describe('SIGTERM', () => {
  it('stops accepting, lets the request in flight finish, closes pools and exits 0 within the deadline', async () => {
    const proc = spawnNode(fixture, { SLOW_MS: '1500' });
    const { port } = await proc.waitForLine((line) => line.message === 'listening');
    const inFlight = fetch(`http://127.0.0.1:${port}/slow`).then((response) => response.text());
    await new Promise((resolve) => setTimeout(resolve, 200));
    const signalledAt = Date.now();
    proc.child.kill('SIGTERM');
    await proc.waitForLine((line) => line.message === 'shutting down');

    await expect(fetch(`http://127.0.0.1:${port}/fast`)).rejects.toThrow();
    expect(await inFlight).toBe('finished');
    const { code } = await proc.exited();
    const tookMs = Date.now() - signalledAt;

    expect(code).toBe(0);
    expect(tookMs).toBeLessThan(SHUTDOWN_DEADLINE_MS);
    expect(tookMs).toBeLessThan(3000); // the idle keep-alive socket is closed at once, not at its timeout
    const messages = proc.lines.map((line) => line.message);
    expect(messages.indexOf('pools closed')).toBeGreaterThan(messages.indexOf('shutting down'));
    expect(messages.at(-1)).toBe('stopped');
  });

  it('serves a real function with a health route and drains it on SIGTERM', async () => {
    const port = 20000 + Math.floor(Math.random() * 5000);
    const proc = spawnNode(docsFunction, { PORT: String(port) });
    await proc.waitForLine((line) => line.message === 'function ready');
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', function: 'docs-serve-api' });

    proc.child.kill('SIGTERM');
    expect((await proc.exited()).code).toBe(0);
    expect(proc.lines.at(-1)).toMatchObject({ message: 'stopped', function: 'docs-serve-api' });
  });
});
