import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asId } from '../../shared/kernel/id.ts';
import { replaceReferences } from '../../shared/memo/application/replace-references.ts';
import { updateMemo } from '../../shared/memo/application/update-memo.ts';
import type { FolderInfo } from '../../shared/memo/domain/folder-tree.ts';
import { sampleMemos, seedMemos } from '../../shared/memo/testing/seed-memos.ts';
import { FRONTEND_ORIGIN, type ApiCaller } from '../testing/api-caller.ts';
import { startTestPlatform, type FunctionsPlatform } from '../testing/test-platform.ts';
import { manifest as authManifest } from '../auth-manage-session/function.ts';
import { manifest as memoManifest } from './function.ts';
import type { MemoDeps } from '../../shared/memo/application/memo-deps.ts';
import { openMemoForTest } from '../../shared/memo/testing/open-memo-for-test.ts';

/**
 * Journey J6 of the contract over HTTP, in both profiles. The realtime steps (5, 7 and the STOMP part of 10) belong to
 * the autosave channel; here they call the same use cases it will call (`updateMemo`, `replaceReferences`), as the
 * signed-in user, so everything but the STOMP framing is exercised. That V receives none of U's replies is a
 * property of the channel and is not tested here.
 */
describe.each(['embedded', 'services'] as const)('J6 — memo editing with folders, references and reordering (%s profile)', (profile) => {
  let server: FunctionsPlatform;
  let memoCases: MemoDeps;
  let u: ApiCaller;
  let v: ApiCaller;

  beforeAll(async () => {
    server = await startTestPlatform(profile, { functions: [authManifest, memoManifest] });
    memoCases = await server.open(openMemoForTest);
    [u, v] = [await server.signIn('u@memo.example'), await server.signIn('v@memo.example')];
  });
  afterAll(() => server?.close());

  const expectCors = (response: Response) => {
    expect(response.headers.get('access-control-allow-origin')).toBe(FRONTEND_ORIGIN);
    expect(response.headers.get('access-control-allow-credentials')).toBe('true');
  };
  /** Every step's response is checked for status, CORS and body. */
  const step = async <T = Record<string, unknown>>(client: ApiCaller, method: string, path: string, body: unknown, status: number): Promise<T> => {
    const response = await client.call(method, path, body);
    expectCors(response);
    const text = await response.text();
    expect(response.status, `${method} ${path}: ${text}`).toBe(status);
    return (text === '' ? undefined : JSON.parse(text)) as T;
  };
  const tree = async (client: ApiCaller) => (await step<{ folderInfos: FolderInfo[] }>(client, 'GET', '/api/v1/folders', undefined, 200)).folderInfos;
  const uncategorized = { id: null, name: 'Uncategorized', parent: null, children: [], sequence: null };

  it('walks the journey', async () => {
    // 1. Preflight (the frontend sends Content-Type on this GET), then the empty tree.
    const preflight = await fetch(`${server.base}/api/v1/folders`, {
      method: 'OPTIONS',
      headers: { origin: FRONTEND_ORIGIN, 'access-control-request-method': 'GET', 'access-control-request-headers': 'content-type' },
    });
    expect(preflight.status).toBe(204);
    expectCors(preflight);
    expect(await tree(u)).toEqual([{ ...uncategorized, memos: [] }]);

    // 2. Folders.
    const created = await u.call('POST', '/api/v1/folders', {});
    expect(created.status).toBe(201);
    const { folder: f1 } = (await created.json()) as { folder: { id: number } };
    expect(created.headers.get('location')).toBe(`/api/v1/folders/${f1.id}`);
    expect(f1).toEqual({ id: expect.any(Number), name: 'untitled', parent: null, children: [], memos: [] });
    const F1 = f1.id;
    const { folder: f2 } = await step<{ folder: { id: number; parent: number } }>(u, 'POST', '/api/v1/folders', { parentId: F1 }, 201);
    expect(f2.parent).toBe(F1);
    const F2 = f2.id;

    // 3. Rename by the body's id; two memos.
    expect(await step(u, 'PUT', '/api/v1/folders/999/name', { folderId: String(F1), name: 'Work' }, 200)).toEqual({ folderId: F1 });
    const m1 = await u.call('POST', '/api/v1/memos', { parentFolderId: F1 });
    expect(m1.status).toBe(201);
    const { memoId: M1 } = (await m1.json()) as { memoId: number };
    expect(m1.headers.get('location')).toBe(`/api/v1/memos/${M1}`);
    const { memoId: M2 } = await step<{ memoId: number }>(u, 'POST', '/api/v1/memos', { parentFolderId: null }, 201);

    // 4. A fresh memo.
    expect(await step(u, 'GET', `/api/v1/memos/${M1}`, undefined, 200)).toEqual({ memoId: M1, title: 'untitled', content: '', references: [] });
    expect(await step(u, 'GET', `/api/v1/memos/${M1}/references`, undefined, 200)).toEqual({ references: [] });
    expect(await step(u, 'GET', `/api/v1/memos/${M1}/referenced`, undefined, 200)).toEqual({ referenceds: [] });

    // 5. (realtime) Autosaves and links, through the use cases the channel calls.
    const deps = memoCases;
    expect(await updateMemo(deps, u.caller, { memoId: asId(M2), title: 'Beta', content: 'b' })).toEqual({ ok: true, value: { memoId: M2 } });
    expect(await updateMemo(deps, u.caller, { memoId: asId(M1), title: 'Alpha', content: `see [[Beta]]<!-- reference: ${M2} -->` })).toEqual({ ok: true, value: { memoId: M1 } });
    expect(await replaceReferences(deps, u.caller, { memoId: asId(M1), references: [asId(M2)] })).toEqual({ ok: true, value: { memoId: M1 } });

    // 6. Suggestions, links, backlinks, search.
    expect(await step(u, 'GET', `/api/v1/memos/${M1}/recommended?keyword=Bet`, undefined, 200)).toEqual({ memos: [{ memoId: M2, title: 'Beta', content: 'b' }] });
    expect(await step(u, 'GET', `/api/v1/memos/${M1}/references`, undefined, 200)).toEqual({ references: [{ id: M2, title: 'Beta' }] });
    expect(await step(u, 'GET', `/api/v1/memos/${M2}/referenced`, undefined, 200)).toEqual({ referenceds: [{ id: M1, title: 'Alpha' }] });
    expect(await step(u, 'GET', '/api/v1/memos?query=alp', undefined, 200)).toEqual({ result: { name: '검색 결과', memos: [{ id: M1, title: 'Alpha' }] } });
    expect(await step(u, 'GET', `/api/v1/memos/${M1}`, undefined, 200)).toMatchObject({ title: 'Alpha', references: [{ rootId: M1, referenceId: M2 }] });

    // 7. (realtime) A two-way cycle and a self link are refused; nothing changes.
    expect(await replaceReferences(deps, u.caller, { memoId: asId(M2), references: [asId(M1)] })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(await replaceReferences(deps, u.caller, { memoId: asId(M1), references: [asId(M1)] })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(await step(u, 'GET', `/api/v1/memos/${M2}/references`, undefined, 200)).toEqual({ references: [] });
    expect(await step(u, 'GET', `/api/v1/memos/${M1}/references`, undefined, 200)).toEqual({ references: [{ id: M2, title: 'Beta' }] });

    // 8. Moves and order.
    expect(await step(u, 'PUT', `/api/v1/memos/${M2}/parent`, { folderId: String(F2) }, 200)).toEqual({ memoId: M2, folderId: F2 });
    expect(await step(u, 'PUT', `/api/v1/memos/${M2}/sequence`, { sequence: '0|i00000:' }, 200)).toEqual({ memoId: M2, sequence: '0|i00000:' });
    expect(await step(u, 'PUT', `/api/v1/folders/${F2}/sequence`, { sequence: '0|a00000:' }, 200)).toEqual({ folderId: F2, sequence: '0|a00000:' });
    expect(await step(u, 'PUT', `/api/v1/folders/${F2}/parent`, { parentId: null }, 200)).toEqual({ parentId: null, childId: F2 });
    const reordered = await tree(u);
    expect(reordered.map((folder) => folder.id)).toEqual([F2, F1, null]);
    expect(reordered[0]?.memos.map((memo) => memo.id)).toEqual([M2]);
    expect(reordered[1]).toMatchObject({ id: F1, name: 'Work', parent: null, children: [], memos: [{ id: M1, title: 'Alpha', references: [{ id: M2, title: 'Beta' }], sequence: '0|hzzzzz:' }] });
    expect(reordered[2]).toEqual({ ...uncategorized, memos: [] });

    // 9. Deeper cycles are refused.
    expect(await step(u, 'PUT', `/api/v1/folders/${F1}/parent`, { parentId: String(F2) }, 200)).toEqual({ parentId: F2, childId: F1 });
    const { folder: f3 } = await step<{ folder: { id: number } }>(u, 'POST', '/api/v1/folders', { parentId: F1 }, 201);
    const F3 = f3.id;
    expect(await step(u, 'PUT', `/api/v1/folders/${F2}/parent`, { parentId: String(F3) }, 400)).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(await step(u, 'PUT', `/api/v1/folders/${F2}/parent`, { parentId: String(F2) }, 400)).toMatchObject({ code: 'VALIDATION_FAILED' });
    const nested = await tree(u);
    expect(nested[0]?.children[0]?.children[0]).toMatchObject({ id: F3, parent: { id: F1, parent: { id: F2, parent: null }, children: [] } });

    // 10. Another user sees and changes nothing of U's.
    expect(await step(v, 'GET', `/api/v1/memos/${M1}`, undefined, 403)).toMatchObject({ code: 'NOT_OWNER' });
    expect(await step(v, 'GET', '/api/v1/memos?query=alp', undefined, 200)).toEqual({ result: { name: '검색 결과', memos: [] } });
    expect(await updateMemo(deps, v.caller, { memoId: asId(M1), title: 'mine', content: 'x' })).toMatchObject({ ok: false, error: { code: 'NOT_OWNER' } });
    const { memoId: vMemo } = await step<{ memoId: number }>(v, 'POST', '/api/v1/memos', {}, 201);
    expect(await replaceReferences(deps, v.caller, { memoId: asId(vMemo), references: [asId(M1)] })).toMatchObject({ ok: false, error: { code: 'NOT_OWNER' } });
    expect(await step(v, 'PUT', `/api/v1/folders/${F1}/name`, { folderId: String(F1), name: 'x' }, 403)).toMatchObject({ code: 'NOT_OWNER' });
    expect(await step(u, 'GET', `/api/v1/memos/${M1}`, undefined, 200)).toMatchObject({ title: 'Alpha' });

    // 11. Deletes, then the limits.
    const deleted = await u.call('DELETE', `/api/v1/memos/${M2}`);
    expectCors(deleted);
    expect(deleted.status).toBe(204);
    expect(await deleted.text()).toBe('');
    expect(await step(u, 'GET', `/api/v1/memos/${M1}/references`, undefined, 200)).toEqual({ references: [] });
    expect(await step(u, 'DELETE', `/api/v1/folders/${F2}`, undefined, 200)).toEqual({ folderId: F2 });
    expect(await tree(u)).toEqual([{ ...uncategorized, memos: [] }]);
    expect(await step(u, 'GET', `/api/v1/memos/${M1}`, undefined, 404)).toMatchObject({ code: 'NOT_FOUND' });

    for (let i = 0; i < 100; i++) await step(u, 'POST', '/api/v1/folders', {}, 201);
    expect(await step(u, 'POST', '/api/v1/folders', {}, 409)).toMatchObject({ code: 'QUOTA_EXCEEDED' });
    await seedMemos(server.database.db, u.caller.userId, sampleMemos(999, 50), 1_000_000);
    await step(u, 'POST', '/api/v1/memos', {}, 201);
    expect(await step(u, 'POST', '/api/v1/memos', {}, 409)).toMatchObject({ code: 'QUOTA_EXCEEDED' });
  });
});
