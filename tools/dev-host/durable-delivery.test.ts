import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { manifests } from '../../functions/registry.ts';
import { apiCall, CookieJar } from '../../shared/auth/testing/browser.ts';
import { signInThroughApi } from '../../shared/auth/testing/dev-sign-in.ts';
import { openDatabase } from '../../shared/platform/database/database.ts';
import { spawnNode, type SpawnedProcess } from '../../shared/platform/runtime/testing/spawn-node.ts';

const ORIGIN = 'http://localhost:3000';
const ARTICLES = 12;

/** `npm start` in `dataDir`, logging every delivery of the outbox feed; answers once it serves (a loaded CI machine may take a minute). */
async function startNpmStart(dataDir: string): Promise<{ proc: SpawnedProcess; url: string }> {
  const proc = spawnNode(fileURLToPath(new URL('./main.ts', import.meta.url)), { PORT: '0', PILOG_DATA_DIR: dataDir, PILOG_LOG_LEVEL: 'debug' });
  for (let i = 0; i < 1200; i++) {
    const url = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(proc.stderr())?.[1];
    if (url) return { proc, url };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  proc.child.kill('SIGKILL');
  throw new Error(`npm start did not come up: ${proc.stderr().slice(-2000)}`);
}

/** "consumer event-id" of every delivery the feed took (logged only once its position is stored). */
const fedIn = (proc: SpawnedProcess): string[] =>
  proc.lines.filter((line) => line.message === 'outbox event fed').map((line) => `${String(line.consumer)} ${String(line.ceId)} ${String(line.outcome)}`);

/** Every delivery the committed outbox rows call for: one per row and event function of its topic. */
async function expectedDeliveries(dataDir: string): Promise<{ events: number; deliveries: string[] }> {
  const database = await openDatabase({ profile: 'embedded', dataDir, mysqlUrl: '' });
  try {
    const rows = await database.db.selectFrom('outbox').select(['id', 'topic']).where('position', 'is not', null).execute();
    const consumersOf = (topic: string) => manifests.filter((m) => m.trigger.kind === 'events' && m.trigger.topic === topic).map((m) => m.name);
    return { events: rows.length, deliveries: rows.flatMap((row) => consumersOf(row.topic).map((consumer) => `${consumer} ${String(row.id)} delivered`)) };
  } finally {
    await database.close();
  }
}

describe('npm start (embedded profile) killed between commit and delivery', () => {
  it('delivers every committed event after a restart: none lost, none delivered twice', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pilog-durable-'));
    const first = await startNpmStart(dataDir);
    let second: SpawnedProcess | undefined;
    try {
      const jar = new CookieJar();
      const call = apiCall(jar, first.url, ORIGIN);
      await signInThroughApi(call, 'admin@example.com', `${ORIGIN}/login/oauth2/code/google`);
      // A burst of writes, each committing its events; the kill comes the moment the last one has answered.
      await Promise.all(
        Array.from({ length: ARTICLES }, async (_, i) => {
          const { articleId } = (await (await call('POST', '/api/v1/articles')).json()) as { articleId: number };
          const draft = { title: `Durable ${i}`, contents: `Body ${i}`, thumbnailUrl: 'https://github.com/jinia91/blogimg/blob/main/img/pi.png?raw=true' };
          expect((await call('PUT', `/api/v1/articles/${articleId}/draft`, draft)).status).toBe(200);
          expect((await call('PATCH', `/api/v1/articles/${articleId}`, { asIsStatus: 'DRAFT', toBeStatus: 'PUBLISHED' })).status).toBe(200);
        }),
      );
      first.proc.child.kill('SIGKILL');
      await first.proc.exited();
      const beforeKill = fedIn(first.proc);

      const expected = await expectedDeliveries(dataDir);
      const pendingAtKill = expected.deliveries.filter((delivery) => !beforeKill.includes(delivery));
      console.info(`durable delivery: ${expected.events} events, ${expected.deliveries.length} deliveries, ${pendingAtKill.length} pending at the kill`);
      expect(pendingAtKill.length, 'the kill must fall between commit and delivery').toBeGreaterThan(0);

      const restarted = await startNpmStart(dataDir);
      second = restarted.proc;
      const deadline = Date.now() + 30_000;
      while (fedIn(second).length < pendingAtKill.length && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      await new Promise((resolve) => setTimeout(resolve, 1500)); // one more poll: nothing else may arrive
      const afterRestart = fedIn(second);

      const all = [...beforeKill, ...afterRestart];
      const lost = expected.deliveries.filter((delivery) => !all.includes(delivery));
      const redelivered = all.length - new Set(all).size;
      console.info(`durable delivery: ${new Set(all).size}/${expected.deliveries.length} delivered, ${lost.length} lost, ${redelivered} redelivered`);
      expect(lost).toEqual([]);
      expect(redelivered).toBe(0);
      expect([...new Set(all)].sort()).toEqual([...expected.deliveries].sort());
    } finally {
      first.proc.child.kill('SIGKILL');
      second?.child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 180_000);
});
