import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnNode, type SpawnedProcess } from '../../shared/platform/runtime/testing/spawn-node.ts';

/** This function's container entry. */
const containerEntry = fileURLToPath(new URL('./main.ts', import.meta.url));
const rssBytes = (pid: number): number => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) * 1024;
const MiB = 1024 * 1024;

/** Issue 12, case 4: a caller who may not upload is refused before its body is read, so it costs no memory. */
describe('anonymous uploads against the container entry', () => {
  let proc: SpawnedProcess;
  let port: number;
  const dataDir = mkdtempSync(join(tmpdir(), 'pilog-upload-memory-'));
  beforeAll(async () => {
    port = 25000 + Math.floor(Math.random() * 5000);
    proc = spawnNode(containerEntry, { FUNCTION_TARGET: 'media-upload-image', PORT: String(port), PILOG_PROFILE: 'embedded', PILOG_DATA_DIR: dataDir, PILOG_JWT_SECRET: 'upload-memory-secret-of-32-bytes-or-more' });
    await proc.waitForLine((line) => line.message === 'function ready', 30_000);
  }, 60_000);
  afterAll(() => {
    proc?.child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  /**
   * The refusal closes the connection instead of reading the rest of each body (shared/platform/http/unread-body.ts):
   * fetch stops sending once it holds the answer, so the process sees only what arrived before it answered. Before,
   * every refused body was received and dropped, and RSS grew up to V8's external-memory threshold (30-60 MiB).
   */
  it('answers bursts of 16 concurrent anonymous 10 MB uploads 401 without holding their bodies', async () => {
    const pid = proc.child.pid as number;
    const upload = () => {
      const form = new FormData();
      form.append('image', new Blob([new Uint8Array(10 * MiB)], { type: 'image/png' }), 'big.png');
      return fetch(`http://127.0.0.1:${port}/api/v1/media/image`, { method: 'POST', body: form });
    };
    const burst = async () => {
      const before = rssBytes(pid);
      let peak = before;
      const sampler = setInterval(() => (peak = Math.max(peak, rssBytes(pid))), 20);
      const responses = await Promise.all(Array.from({ length: 16 }, upload));
      clearInterval(sampler);
      expect(responses.map((response) => response.status)).toEqual(Array(16).fill(401));
      for (const response of responses) expect(await response.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
      return { growth: Math.max(peak, rssBytes(pid)) - before, before };
    };
    const first = await burst();
    const second = await burst();
    console.log(
      `RSS growth for 16 concurrent anonymous 10 MB uploads: first burst ${(first.growth / MiB).toFixed(1)} MiB (from ${(first.before / MiB).toFixed(1)} MiB), ` +
        `second burst ${(second.growth / MiB).toFixed(1)} MiB`,
    );
    expect(first.growth).toBeLessThan(20 * MiB);
    expect(second.growth).toBeLessThan(20 * MiB);
  });
});
