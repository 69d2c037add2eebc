import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerKinds, routeAccessTable, type AccessWorld, type CallerKind } from '../../shared/auth/testing/route-access-table.ts';
import { asId } from '../../shared/kernel/id.ts';
import { replaceReferences } from '../../shared/memo/application/replace-references.ts';
import { updateMemo } from '../../shared/memo/application/update-memo.ts';
import type { FolderInfo } from '../../shared/memo/domain/folder-tree.ts';
import { manifest } from './function.ts';
import { ADMIN_EMAIL } from '../testing/platform-env.ts';
import { FRONTEND_ORIGIN, type ApiCaller } from '../testing/api-caller.ts';
import { startTestPlatform, type FunctionsPlatform } from '../testing/test-platform.ts';
import { manifest as authManifest } from '../auth-manage-session/function.ts';
import type { MemoDeps } from '../../shared/memo/application/memo-deps.ts';
import { openMemoForTest } from '../../shared/memo/testing/open-memo-for-test.ts';

/** Every memo and folder route over HTTP, in both profiles: who may call it, what it answers, how it fails. */
describe.each(['embedded', 'services'] as const)('memo-save-memo routes (%s profile)', (profile) => {
  let server: FunctionsPlatform;
  let memoCases: MemoDeps;
  let owner: ApiCaller;
  let other: ApiCaller;
  let admin: ApiCaller;

  beforeAll(async () => {
    server = await startTestPlatform(profile, { functions: [authManifest, manifest] });
    memoCases = await server.open(openMemoForTest);
    [owner, other, admin] = [await server.signIn('owner@memo.example'), await server.signIn('other@memo.example'), await server.signIn(ADMIN_EMAIL)];
  });
  afterAll(() => server?.close());

  const newMemo = async (client = owner, folderId: number | null = null) => (await client.expectJson<{ memoId: number }>('POST', '/api/v1/memos', { parentFolderId: folderId }, 201)).memoId;
  const newFolder = async (client = owner, parentId?: number) => (await client.expectJson<{ folder: { id: number } }>('POST', '/api/v1/folders', parentId === undefined ? {} : { parentId }, 201)).folder.id;
  const titled = async (memoId: number, title: string, content = '', client = owner) => {
    const saved = await updateMemo(memoCases, client.caller, { memoId: asId(memoId), title, content });
    if (!saved.ok) throw new Error(saved.error.message);
    return memoId;
  };
  const codeOf = async (response: Response) => ((await response.json()) as { code: string }).code;
  const tree = async (client = owner) => (await client.expectJson<{ folderInfos: FolderInfo[] }>('GET', '/api/v1/folders')).folderInfos;

  describe('the access table rows, as real users signed in at the identity provider', () => {
    const rows = routeAccessTable[manifest.name] ?? {};
    it.each(Object.entries(manifest.trigger.routes))('%s', async (route, spec) => {
      const row = rows[route];
      if (!row) throw new Error(`no access row for ${manifest.name}.${route}`);
      const clients: Record<CallerKind, ApiCaller> = { anonymous: server.anonymous, user: owner, admin, anotherOwner: other };
      const world: AccessWorld = {
        base: server.base,
        userIds: { user: owner.caller.userId, admin: admin.caller.userId, anotherOwner: other.caller.userId },
        call: (as, method, path, body) => clients[as].call(method, path, body),
      };
      const actual: Record<string, number> = {};
      for (const kind of callerKinds) {
        const request = row.request ? await row.request(world) : { path: spec.path.replace(/\{\w+\}/g, '1') };
        const response = await world.call(kind, spec.method, request.path, request.body);
        actual[kind] = response.status;
        expect(response.headers.get('access-control-allow-origin')).toBe(FRONTEND_ORIGIN);
        if (kind === 'admin' && response.status === 403) expect(await codeOf(response)).toBe('NOT_OWNER');
      }
      expect(actual).toEqual(row.expect);
    });
  });

  describe('memos', () => {
    it('POST /api/v1/memos: 201 with Location; folder by number or numeric string, absent or null = uncategorized; 400, 403, 404', async () => {
      const folder = await newFolder();
      const noBody = await owner.call('POST', '/api/v1/memos');
      expect(noBody.status).toBe(201);
      const { memoId } = (await noBody.json()) as { memoId: number };
      expect(noBody.headers.get('location')).toBe(`/api/v1/memos/${memoId}`);
      const inFolder = await owner.expectJson<{ memoId: number }>('POST', '/api/v1/memos', { parentFolderId: String(folder) }, 201);
      const placed = (await tree()).find((node) => node.id === folder);
      expect(placed?.memos.map((memo) => memo.id)).toEqual([inFolder.memoId]);
      expect((await tree()).at(-1)?.memos.map((memo) => memo.id)).toContain(memoId);
      for (const bad of ['12a', 0, 1.5, -3, '9007199254740992', true]) expect((await owner.call('POST', '/api/v1/memos', { parentFolderId: bad })).status, String(bad)).toBe(400);
      const unknown = await owner.call('POST', '/api/v1/memos', { parentFolderId: 424242 });
      expect([unknown.status, await codeOf(unknown)]).toEqual([404, 'NOT_FOUND']);
      const foreign = await other.call('POST', '/api/v1/memos', { parentFolderId: folder });
      expect([foreign.status, await codeOf(foreign)]).toEqual([403, 'NOT_OWNER']);
    });

    it('GET /api/v1/memos/{id}: the memo with its links as {rootId, referenceId}; 400 for a bad id, 404 for an unknown one', async () => {
      const [target, memo] = [await titled(await newMemo(), '대상'), await titled(await newMemo(), '제목', '본문 [[대상]]')];
      await replaceReferences(memoCases, owner.caller, { memoId: asId(memo), references: [asId(target)] });
      expect(await owner.expectJson('GET', `/api/v1/memos/${memo}`)).toEqual({ memoId: memo, title: '제목', content: '본문 [[대상]]', references: [{ rootId: memo, referenceId: target }] });
      expect((await owner.call('GET', '/api/v1/memos/12a')).status).toBe(400);
      expect((await owner.call('GET', '/api/v1/memos/424242')).status).toBe(404);
    });

    it('DELETE /api/v1/memos/{id}: 204 with no body; links to it go, and it is gone', async () => {
      const [target, linking] = [await newMemo(), await newMemo()];
      await replaceReferences(memoCases, owner.caller, { memoId: asId(linking), references: [asId(target)] });
      const response = await owner.call('DELETE', `/api/v1/memos/${target}`);
      expect(response.status).toBe(204);
      expect(await response.text()).toBe('');
      expect(await owner.expectJson('GET', `/api/v1/memos/${linking}/references`)).toEqual({ references: [] });
      expect((await tree()).at(-1)?.memos.find((memo) => memo.id === linking)?.references).toEqual([]);
      expect((await owner.call('DELETE', `/api/v1/memos/${target}`)).status).toBe(404);
    });

    it('PUT /api/v1/memos/{id}/parent: into a folder and back; 400 without folderId, 404 unknown folder, 403 a folder of another', async () => {
      const [memo, folder, foreignFolder] = [await newMemo(), await newFolder(), await newFolder(other)];
      expect(await owner.expectJson('PUT', `/api/v1/memos/${memo}/parent`, { folderId: String(folder) })).toEqual({ memoId: memo, folderId: folder });
      expect((await tree()).find((node) => node.id === folder)?.memos.map((m) => m.id)).toEqual([memo]);
      expect(await owner.expectJson('PUT', `/api/v1/memos/${memo}/parent`, { folderId: null })).toEqual({ memoId: memo, folderId: null });
      expect((await owner.call('PUT', `/api/v1/memos/${memo}/parent`, {})).status).toBe(400);
      expect((await owner.call('PUT', `/api/v1/memos/${memo}/parent`, { folderId: 424242 })).status).toBe(404);
      const response = await owner.call('PUT', `/api/v1/memos/${memo}/parent`, { folderId: foreignFolder });
      expect([response.status, await codeOf(response)]).toEqual([403, 'NOT_OWNER']);
    });

    it('PUT /api/v1/memos/{id}/sequence: stored as sent (1..255 characters) and sorted by plain string order', async () => {
      const folder = await newFolder();
      const [a, b, c] = [await newMemo(owner, folder), await newMemo(owner, folder), await newMemo(owner, folder)];
      expect(await owner.expectJson('PUT', `/api/v1/memos/${c}/sequence`, { sequence: '0|a00000:' })).toEqual({ memoId: c, sequence: '0|a00000:' });
      await owner.expectJson('PUT', `/api/v1/memos/${a}/sequence`, { sequence: '0|i00000:' });
      // b keeps the default rank "0|hzzzzz:": c < b < a.
      expect((await tree()).find((node) => node.id === folder)?.memos.map((m) => m.id)).toEqual([c, b, a]);
      expect((await owner.call('PUT', `/api/v1/memos/${a}/sequence`, { sequence: '' })).status).toBe(400);
      expect((await owner.call('PUT', `/api/v1/memos/${a}/sequence`, { sequence: 'x'.repeat(256) })).status).toBe(400);
      expect((await owner.call('PUT', `/api/v1/memos/${a}/sequence`, { sequence: '가'.repeat(255) })).status).toBe(200);
    });

    it('GET /api/v1/memos?query=: literal, case-insensitive, Korean, id descending, only the caller’s memos; 400 without query', async () => {
      const [first, second] = [await titled(await newMemo(), 'Needle 바늘', 'x'), await titled(await newMemo(), 'plain', '본문에 NEEDLE 바늘 있음')];
      await titled(await newMemo(other), 'needle of another', 'needle', other);
      const percent = await titled(await newMemo(), '100% done_ok', '');
      const search = async (query: string, client = owner) =>
        (await client.expectJson<{ result: { name: string; memos: Array<{ id: number }> } }>('GET', `/api/v1/memos?query=${encodeURIComponent(query)}`)).result;
      expect(await search('needle')).toEqual({ name: '검색 결과', memos: [{ id: second, title: 'plain' }, { id: first, title: 'Needle 바늘' }] });
      expect((await search('바늘')).memos.map((m) => m.id)).toEqual([second, first]);
      expect((await search('NeEdLe')).memos).toHaveLength(2);
      expect((await search('%')).memos.map((m) => m.id)).toEqual([percent]);
      expect((await search('_')).memos.map((m) => m.id)).toEqual([percent]);
      expect((await search('n%e')).memos).toEqual([]);
      // Case-insensitive beyond ASCII, yet literal: an accent is not ignored.
      const accented = await titled(await newMemo(), 'ÉCOLE café', '');
      expect((await search('école')).memos.map((m) => m.id)).toEqual([accented]);
      expect((await search('cafe')).memos).toEqual([]);
      expect((await search('   ')).memos).toEqual([]);
      expect((await search('needle', other)).memos).toHaveLength(1);
      expect((await owner.call('GET', '/api/v1/memos')).status).toBe(400);
      // A `+` in the raw query is a plus, not a space (§0.2).
      const plus = await titled(await newMemo(), 'C++ notes');
      expect((await owner.expectJson<{ result: { memos: Array<{ id: number }> } }>('GET', '/api/v1/memos?query=c++')).result.memos.map((m) => m.id)).toEqual([plus]);
    });

    it('GET /api/v1/memos/{id}/recommended: the caller’s other memos with the keyword, with content; 400 blank or missing', async () => {
      const self = await titled(await newMemo(), 'Kotlin 코틀린', 'about kotlin');
      const match = await titled(await newMemo(), 'More', '코틀린 and more');
      await titled(await newMemo(other), '코틀린 of another', '', other);
      expect(await owner.expectJson('GET', `/api/v1/memos/${self}/recommended?keyword=${encodeURIComponent('코틀린')}`)).toEqual({ memos: [{ memoId: match, title: 'More', content: '코틀린 and more' }] });
      expect((await owner.call('GET', `/api/v1/memos/${self}/recommended?keyword=%20`)).status).toBe(400);
      expect((await owner.call('GET', `/api/v1/memos/${self}/recommended`)).status).toBe(400);
      expect((await owner.call('GET', '/api/v1/memos/424242/recommended?keyword=x')).status).toBe(404);
    });

    it('GET …/references and …/referenced: links and backlinks with current titles, id descending; 404 unknown', async () => {
      const [a, b, c] = [await titled(await newMemo(), 'A'), await titled(await newMemo(), 'B'), await titled(await newMemo(), 'C')];
      await replaceReferences(memoCases, owner.caller, { memoId: asId(a), references: [asId(b), asId(c), asId(b)] });
      await replaceReferences(memoCases, owner.caller, { memoId: asId(b), references: [asId(c)] });
      await titled(c, 'C renamed');
      expect(await owner.expectJson('GET', `/api/v1/memos/${a}/references`)).toEqual({ references: [{ id: c, title: 'C renamed' }, { id: b, title: 'B' }] });
      expect(await owner.expectJson('GET', `/api/v1/memos/${c}/referenced`)).toEqual({ referenceds: [{ id: b, title: 'B' }, { id: a, title: 'A' }] });
      expect((await owner.call('GET', '/api/v1/memos/424242/references')).status).toBe(404);
      expect((await owner.call('GET', '/api/v1/memos/424242/referenced')).status).toBe(404);
    });
  });

  describe('folders', () => {
    it('POST /api/v1/folders: with {}, an empty JSON body, no body at all, or a parent; 404 unknown parent, 403 a parent of another', async () => {
      const empty = await fetch(`${server.base}/api/v1/folders`, { method: 'POST', headers: { origin: FRONTEND_ORIGIN, cookie: owner.cookie(), 'content-type': 'application/json' } });
      expect(empty.status).toBe(201);
      const bare = await owner.call('POST', '/api/v1/folders');
      expect(bare.status).toBe(201);
      const parent = ((await bare.json()) as { folder: { id: number } }).folder.id;
      const child = await owner.call('POST', '/api/v1/folders', { parentId: String(parent) });
      expect(child.status).toBe(201);
      const { folder } = (await child.json()) as { folder: { id: number } };
      expect(child.headers.get('location')).toBe(`/api/v1/folders/${folder.id}`);
      expect(folder).toEqual({ id: expect.any(Number), name: 'untitled', parent, children: [], memos: [] });
      expect((await owner.call('POST', '/api/v1/folders', { parentId: 424242 })).status).toBe(404);
      expect((await other.call('POST', '/api/v1/folders', { parentId: parent })).status).toBe(403);
    });

    it('PUT /api/v1/folders/{id}/name: the body id wins, the path id serves when the body has none; 400 blank or too long', async () => {
      const [named, byPath] = [await newFolder(), await newFolder()];
      expect(await owner.expectJson('PUT', `/api/v1/folders/${byPath}/name`, { folderId: named, name: '업무' })).toEqual({ folderId: named });
      expect(await owner.expectJson('PUT', `/api/v1/folders/${byPath}/name`, { name: 'Path' })).toEqual({ folderId: byPath });
      const names = new Map((await tree()).map((node) => [node.id, node.name]));
      expect([names.get(named), names.get(byPath)]).toEqual(['업무', 'Path']);
      expect((await owner.call('PUT', `/api/v1/folders/${named}/name`, { folderId: named, name: '  ' })).status).toBe(400);
      expect((await owner.call('PUT', `/api/v1/folders/${named}/name`, { folderId: named, name: 'x'.repeat(256) })).status).toBe(400);
      expect((await owner.call('PUT', `/api/v1/folders/${named}/name`, { folderId: named })).status).toBe(400);
      expect((await owner.call('PUT', '/api/v1/folders/1/name', { folderId: 424242, name: 'x' })).status).toBe(404);
    });

    it('PUT /api/v1/folders/{id}/parent: under another folder or to the top; 400 under itself or its subtree; 403 and 404', async () => {
      const [a, b] = [await newFolder(), await newFolder()];
      const c = await newFolder(owner, b);
      expect(await owner.expectJson('PUT', `/api/v1/folders/${b}/parent`, { parentId: String(a) })).toEqual({ parentId: a, childId: b });
      for (const cycle of [a, b, c]) expect((await owner.call('PUT', `/api/v1/folders/${a}/parent`, { parentId: cycle })).status, `${a} under ${cycle}`).toBe(400);
      expect(await owner.expectJson('PUT', `/api/v1/folders/${b}/parent`, { parentId: null })).toEqual({ parentId: null, childId: b });
      expect((await owner.call('PUT', `/api/v1/folders/${b}/parent`, { parentId: 424242 })).status).toBe(404);
      expect((await owner.call('PUT', `/api/v1/folders/${b}/parent`, { parentId: await newFolder(other) })).status).toBe(403);
      expect((await owner.call('PUT', `/api/v1/folders/${b}/parent`, {})).status).toBe(400);
    });

    it('PUT /api/v1/folders/{id}/sequence: sorts siblings, ties by id; 400 when empty', async () => {
      const parent = await newFolder();
      const [x, y, z] = [await newFolder(owner, parent), await newFolder(owner, parent), await newFolder(owner, parent)];
      expect(await owner.expectJson('PUT', `/api/v1/folders/${z}/sequence`, { sequence: '0|a:' })).toEqual({ folderId: z, sequence: '0|a:' });
      expect((await tree()).find((node) => node.id === parent)?.children.map((child) => child.id)).toEqual([z, x, y]);
      expect((await owner.call('PUT', `/api/v1/folders/${z}/sequence`, { sequence: '' })).status).toBe(400);
    });

    it('DELETE /api/v1/folders/{id}: the subtree and its memos in one go, nothing else', async () => {
      const root = await newFolder();
      const child = await newFolder(owner, root);
      const grandchild = await newFolder(owner, child);
      const [inChild, inGrandchild, outside] = [await newMemo(owner, child), await newMemo(owner, grandchild), await newMemo()];
      await replaceReferences(memoCases, owner.caller, { memoId: asId(outside), references: [asId(inGrandchild)] });
      expect(await owner.expectJson('DELETE', `/api/v1/folders/${root}`)).toEqual({ folderId: root });
      const ids = JSON.stringify(await tree());
      for (const gone of [root, child, grandchild, inChild, inGrandchild]) expect(ids).not.toContain(String(gone));
      expect((await owner.call('GET', `/api/v1/memos/${inChild}`)).status).toBe(404);
      expect(await owner.expectJson('GET', `/api/v1/memos/${outside}/references`)).toEqual({ references: [] });
      expect((await owner.call('DELETE', `/api/v1/folders/${root}`)).status).toBe(404);
    });

    it('GET /api/v1/folders: parents as copies with their chain and memos, Uncategorized last, and every committed write shows at once', async () => {
      const root = await newFolder();
      const child = await newFolder(owner, root);
      const memo = await newMemo(owner, root);
      const before = await tree();
      const node = before.find((folder) => folder.id === root);
      expect(node?.children[0]).toMatchObject({ id: child, parent: { id: root, parent: null, children: [], memos: [{ id: memo }] } });
      expect(before.at(-1)).toMatchObject({ id: null, name: 'Uncategorized', parent: null, children: [], sequence: null });
      // A title edit (the original backend's cache missed these) shows in the very next read.
      await titled(memo, 'Renamed');
      expect((await tree()).find((folder) => folder.id === root)?.memos[0]?.title).toBe('Renamed');
      // A content-only save changes nothing the tree shows.
      await titled(memo, 'Renamed', 'new content');
      expect((await tree()).find((folder) => folder.id === root)?.memos[0]?.title).toBe('Renamed');
    });
  });
});
