import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJoseSessionTokens } from '../../shared/auth/adapters/session-tokens.jose.ts';
import { systemClock } from '../../shared/kernel/clock.ts';
import { openDatabase } from '../../shared/platform/database/database.ts';
import { migrateToLatest } from '../../shared/platform/database/migrate.ts';
import { spawnNode, type SpawnedProcess } from '../../shared/platform/runtime/testing/spawn-node.ts';
import { openEditor } from './testing/editor.ts';
import { migrations } from '../../tools/migrations.ts';

const ORIGIN = 'http://localhost:3000';
const SECRET = 'realtime-lifecycle-secret-0123456789abcdef';
const functionEntry = fileURLToPath(new URL('./main.ts', import.meta.url));

/**
 * The function as Knative runs it (the container entry, one process): idle editors are closed cleanly so the
 * instance can scale to zero, SIGTERM closes every socket with 1001 "Going away" and the process stops in time,
 * and an XHR session keeps the identity it was opened with after the access token expires.
 */
describe('realtime-autosave under Knative', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'pilog-realtime-'));
  const port = 20000 + Math.floor(Math.random() * 5000);
  const base = `http://127.0.0.1:${port}`;
  let proc: SpawnedProcess;
  const cookieFor = async (userId: number, accessTtlSeconds = 3600) => {
    const tokens = createJoseSessionTokens({ key: new TextEncoder().encode(SECRET), accessTtlSeconds, refreshTtlSeconds: 3600, clock: systemClock });
    return `jiniaslog_access=${(await tokens.mint({ userId, roles: ['USER'], fid: tokens.newFamilyId() })).access}`;
  };

  beforeAll(async () => {
    const database = await openDatabase({ profile: 'embedded', dataDir, mysqlUrl: '' });
    await migrateToLatest(database, migrations);
    await database.close();
    proc = spawnNode(functionEntry, {
      PORT: String(port),
      PILOG_PROFILE: 'embedded',
      PILOG_DATA_DIR: dataDir,
      PILOG_JWT_SECRET: SECRET,
      PILOG_CORS_ORIGINS: ORIGIN,
      PILOG_REALTIME_IDLE_TIMEOUT_S: '4',
    });
    await proc.waitForLine((line) => line.message === 'function ready');
  });
  afterAll(() => {
    proc?.child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('closes an editor that sends nothing for the idle timeout with c[1000,"Idle timeout"]', async () => {
    const editor = await openEditor(base, { cookie: await cookieFor(1), origin: ORIGIN });
    const openedAt = Date.now();
    expect(await editor.closed()).toEqual({ code: 1000, reason: 'Idle timeout' });
    expect(Date.now() - openedAt).toBeGreaterThan(3500);
  });

  it('keeps an XHR session working after its access token expires, but opens no new one with it', async () => {
    const cookie = await cookieFor(2, 2); // expires 1–2 s from now (whole seconds)
    const editor = await openEditor(base, { cookie, origin: ORIGIN, transport: 'xhr-polling' });
    await new Promise((resolve) => setTimeout(resolve, 2100)); // past the token's expiry, inside the idle timeout
    editor.send('/memo/updateMemo', 'not json');
    expect(await editor.next('/topic/memoResponse')).toMatchObject({ id: null, error: { code: 'VALIDATION_FAILED' } });
    await expect(openEditor(base, { cookie, origin: ORIGIN, transport: 'xhr-polling' })).rejects.toThrow(/closed before CONNECTED/);
    await editor.close();
  });

  it('on SIGTERM closes every socket with 1001 "Going away" and exits 0 well inside the grace period', async () => {
    const editors = await Promise.all(
      (['websocket', 'xhr-streaming', 'websocket'] as const).map(async (transport, i) => openEditor(base, { cookie: await cookieFor(10 + i), origin: ORIGIN, transport })),
    );
    const signalledAt = Date.now();
    proc.child.kill('SIGTERM');
    const closes = await Promise.all(editors.map((editor) => editor.closed()));
    expect(closes).toEqual(editors.map(() => ({ code: 1001, reason: 'Going away' })));
    expect((await proc.exited()).code).toBe(0);
    expect(Date.now() - signalledAt).toBeLessThan(3000);
    expect(proc.lines.at(-1)).toMatchObject({ message: 'stopped', function: 'realtime-autosave' });
  });
});
