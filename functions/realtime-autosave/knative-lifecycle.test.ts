import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEditor } from './testing/editor.ts';
import { ORIGIN, startRealtimeProcess, type RealtimeProcess } from './testing/realtime-process.ts';

/**
 * The function as Knative runs it (the container entry, one process): idle editors are closed cleanly so the
 * instance can scale to zero, SIGTERM closes every socket with 1001 "Going away" and the process stops in time,
 * and an XHR session keeps the identity it was opened with after the access token expires.
 */
describe('realtime-autosave under Knative', () => {
  let realtime: RealtimeProcess;
  let base = '';
  const cookieFor = (userId: number, accessTtlSeconds?: number) => realtime.cookieFor(userId, accessTtlSeconds);

  beforeAll(async () => {
    realtime = await startRealtimeProcess({ PILOG_REALTIME_IDLE_TIMEOUT_S: '4' });
    base = realtime.base;
  }, 30_000);
  afterAll(() => realtime?.stop());

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
    realtime.proc.child.kill('SIGTERM');
    const closes = await Promise.all(editors.map((editor) => editor.closed()));
    expect(closes).toEqual(editors.map(() => ({ code: 1001, reason: 'Going away' })));
    expect((await realtime.proc.exited()).code).toBe(0);
    expect(Date.now() - signalledAt).toBeLessThan(3000);
    expect(realtime.proc.lines.at(-1)).toMatchObject({ message: 'stopped', function: 'realtime-autosave' });
  });
});
