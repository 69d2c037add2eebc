import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../kernel/access.ts';
import type { AppError } from '../kernel/app-error.ts';
import { asId } from '../kernel/id.ts';
import type { Result } from '../kernel/result.ts';
import { loadConfig } from '../platform/config/load-config.ts';
import { openTestDatabase, type TestDatabase } from '../platform/database/testing/test-databases.ts';
import { createLogger } from '../platform/logging/logger.ts';
import { memoSettings } from './adapters/memo-settings.ts';
import { openMemo } from './adapters/open-memo.ts';
import type { MemoDeps } from './application/memo-deps.ts';
import { openEventPublisher } from '../platform/messaging/open-event-publisher.ts';
import { openPlatform, type Platform } from '../platform/runtime/open-platform.ts';
import { createFolder, deleteFolder, moveFolder, readFolderTree, renameFolder, reorderFolder } from './application/folders.ts';
import { createMemo } from './application/create-memo.ts';
import { deleteMemo } from './application/delete-memo.ts';
import { moveMemo } from './application/move-memo.ts';
import { reorderMemo } from './application/reorder-memo.ts';
import { replaceReferences } from './application/replace-references.ts';
import { updateMemo } from './application/update-memo.ts';
import type { FolderInfo } from './domain/folder-tree.ts';
import { seededRandom } from '../platform/testing/seeded-random.ts';
import type { MemoTables } from './adapters/memo-tables.ts';

/**
 * Random sequences of create / move / rename / reorder / link / delete, run through the use cases with the real
 * adapters, against a plain model. After every step the tree read through the cache must be acyclic, ordered, equal
 * to the model, and the database rows must equal the model too. A failure names its seed and step; rerun one seed
 * with PILOG_PROPERTY_SEED.
 */


interface Model {
  folders: Map<number, { parentId: number | null; name: string; sequence: string }>;
  memos: Map<number, { folderId: number | null; title: string; sequence: string }>;
  links: Map<number, Set<number>>;
}

const subtree = (model: Model, root: number): Set<number> => {
  const found = new Set([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [id, folder] of model.folders) if (folder.parentId !== null && found.has(folder.parentId) && !found.has(id)) grew = found.add(id) !== undefined;
  }
  return found;
};
const order = <T extends { id: number; sequence: string }>(items: T[]): number[] =>
  items.sort((a, b) => (a.sequence < b.sequence ? -1 : a.sequence > b.sequence ? 1 : a.id - b.id)).map((item) => item.id);

/** Walks the tree the way the sidebar does and checks it against the model, node by node. */
function checkTree(tree: FolderInfo[], model: Model): void {
  expect(tree.at(-1)).toMatchObject({ id: null, name: 'Uncategorized', parent: null, children: [], sequence: null });
  const seen = new Set<number>();
  const checkMemos = (node: FolderInfo, folderId: number | null) => {
    const expected = order([...model.memos].filter(([, memo]) => memo.folderId === folderId).map(([id, memo]) => ({ id, sequence: memo.sequence })));
    expect(node.memos.map((memo) => memo.id)).toEqual(expected);
    for (const memo of node.memos) {
      const modelled = model.memos.get(memo.id);
      expect(memo).toMatchObject({ title: modelled?.title, sequence: modelled?.sequence });
      const links = [...(model.links.get(memo.id) ?? [])].sort((a, b) => b - a);
      expect(memo.references).toEqual(links.map((id) => ({ id, title: model.memos.get(id)?.title })));
    }
  };
  const walk = (nodes: FolderInfo[], parent: FolderInfo | null) => {
    const parentId = parent?.id ?? null;
    const siblings = order([...model.folders].filter(([, folder]) => folder.parentId === parentId).map(([id, folder]) => ({ id, sequence: folder.sequence })));
    expect(nodes.map((node) => node.id)).toEqual(siblings);
    for (const node of nodes) {
      const id = node.id as number;
      expect(seen.has(id), `folder ${id} appears twice: the tree has a cycle`).toBe(false);
      seen.add(id);
      expect(node).toMatchObject({ name: model.folders.get(id)?.name, sequence: model.folders.get(id)?.sequence });
      expect(node.parent).toEqual(parent === null ? null : { ...parent, children: [] });
      checkMemos(node, id);
      walk(node.children, node);
    }
  };
  walk(tree.slice(0, -1), null);
  expect(seen.size).toBe(model.folders.size);
  checkMemos(tree.at(-1) as FolderInfo, null);
}

async function checkDatabase(database: TestDatabase, authorId: number, model: Model): Promise<void> {
  const folders = await database.db.withTables<MemoTables>().selectFrom('memo_folders').select(['id', 'parent_id', 'name', 'sequence']).where('author_id', '=', authorId).execute();
  expect(new Map(folders.map((row) => [Number(row.id), { parentId: row.parent_id === null ? null : Number(row.parent_id), name: row.name, sequence: row.sequence }]))).toEqual(model.folders);
  const memos = await database.db.withTables<MemoTables>().selectFrom('memo_memos').select(['id', 'folder_id', 'title', 'sequence']).where('author_id', '=', authorId).execute();
  expect(new Map(memos.map((row) => [Number(row.id), { folderId: row.folder_id === null ? null : Number(row.folder_id), title: row.title, sequence: row.sequence }]))).toEqual(model.memos);
  const links = await database.db.withTables<MemoTables>()
    .selectFrom('memo_references')
    .innerJoin('memo_memos', 'memo_memos.id', 'memo_references.memo_id')
    .select(['memo_id', 'target_id'])
    .where('memo_memos.author_id', '=', authorId)
    .execute();
  const expected = [...model.links].flatMap(([memoId, targets]) => [...targets].map((targetId) => `${memoId}>${targetId}`));
  expect(links.map((row) => `${Number(row.memo_id)}>${Number(row.target_id)}`).sort()).toEqual(expected.sort());
}

const chosen = process.env.PILOG_PROPERTY_SEED ? [Number(process.env.PILOG_PROPERTY_SEED)] : undefined;

describe.each([
  ['embedded', 'sqlite', 150, [1, 2, 3]],
  ['services', 'mysql', 100, [4, 5]],
] as const)('the folder tree under random operations (%s profile)', (profile, dialect, steps, seeds) => {
  let database: TestDatabase;
  let platform: Platform;
  let deps: MemoDeps;

  beforeAll(async () => {
    database = await openTestDatabase(dialect);
    const env = { ...database.env, ...(profile === 'services' ? { PILOG_REDIS_URL: process.env.PILOG_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379', PILOG_KAFKA_BROKERS: process.env.PILOG_TEST_KAFKA_BROKERS ?? '127.0.0.1:9092' } : {}) };
    platform = openPlatform(loadConfig(memoSettings, env), { name: 'memo-property-test', logger: createLogger({ sink: { write: () => {} } }), publisher: openEventPublisher });
    deps = await openMemo(platform);
  });
  afterAll(async () => {
    await platform?.close();
    await database?.close();
  });

  it.each(chosen ?? [...seeds])('stays acyclic, ordered and equal to the database (seed %i)', async (seed) => {
    const rng = seededRandom(seed);
    const pickFrom = <T>(items: readonly T[]): T | undefined => (items.length === 0 ? undefined : rng.pick(items));
    // Fresh snowflake-sized author ids, so no cached tree of an earlier run can answer for them.
    const owner: Caller = { userId: Date.now() * 1000 + seed, roles: ['USER'] };
    const stranger: Caller = { userId: owner.userId + 500, roles: ['ADMIN'] };
    const model: Model = { folders: new Map(), memos: new Map(), links: new Map() };
    const sequences = ['0|a:', '0|b:', '0|hzzzzz:', '0|B:', '0|a:'];
    const folderIds = () => [...model.folders.keys()];
    const memoIds = () => [...model.memos.keys()];
    const someFolder = () => (rng.next() < 0.25 ? null : (pickFrom(folderIds()) ?? null));
    const expectCode = (result: Result<unknown, AppError>, code: string | null) => expect(result.ok ? null : result.error.code).toBe(code);

    const operations: Array<() => Promise<string>> = [
      async () => {
        const parentId = someFolder();
        const created = await createFolder(deps, owner, { parentId: parentId === null ? null : asId(parentId) });
        if (!created.ok) throw new Error(created.error.message);
        model.folders.set(created.value.id, { parentId, name: 'untitled', sequence: '0|hzzzzz:' });
        return `create folder under ${parentId}`;
      },
      async () => {
        const folderId = someFolder();
        const created = await createMemo(deps, owner, { folderId: folderId === null ? null : asId(folderId) });
        if (!created.ok) throw new Error(created.error.message);
        model.memos.set(created.value.memoId, { folderId, title: 'untitled', sequence: '0|hzzzzz:' });
        return `create memo in ${folderId}`;
      },
      async () => {
        const folderId = pickFrom(folderIds());
        if (folderId === undefined) return 'no folder to move';
        const parentId = someFolder();
        const cycle = parentId !== null && subtree(model, folderId).has(parentId);
        expectCode(await moveFolder(deps, owner, { folderId: asId(folderId), parentId: parentId === null ? null : asId(parentId) }), cycle ? 'VALIDATION_FAILED' : null);
        if (!cycle) (model.folders.get(folderId) as { parentId: number | null }).parentId = parentId;
        return `move folder ${folderId} under ${parentId}${cycle ? ' (cycle refused)' : ''}`;
      },
      async () => {
        const memoId = pickFrom(memoIds());
        if (memoId === undefined) return 'no memo to move';
        const folderId = someFolder();
        expectCode(await moveMemo(deps, owner, { memoId: asId(memoId), folderId: folderId === null ? null : asId(folderId) }), null);
        (model.memos.get(memoId) as { folderId: number | null }).folderId = folderId;
        return `move memo ${memoId} to ${folderId}`;
      },
      async () => {
        const folderId = pickFrom(folderIds());
        if (folderId === undefined) return 'no folder to rename';
        const name = `폴더 ${rng.int(1000)}`;
        expectCode(await renameFolder(deps, owner, { folderId: asId(folderId), name }), null);
        (model.folders.get(folderId) as { name: string }).name = name;
        return `rename folder ${folderId}`;
      },
      async () => {
        const memoId = pickFrom(memoIds());
        if (memoId === undefined) return 'no memo to retitle';
        const title = rng.next() < 0.2 ? ' ' : `Memo ${rng.int(1000)}`;
        expectCode(await updateMemo(deps, owner, { memoId: asId(memoId), title, content: `content ${rng.int(10)}` }), null);
        (model.memos.get(memoId) as { title: string }).title = title.trim() === '' ? 'untitled' : title;
        return `retitle memo ${memoId}`;
      },
      async () => {
        const folderId = pickFrom(folderIds());
        if (folderId === undefined) return 'no folder to reorder';
        const sequence = pickFrom(sequences) as string;
        expectCode(await reorderFolder(deps, owner, { folderId: asId(folderId), sequence }), null);
        (model.folders.get(folderId) as { sequence: string }).sequence = sequence;
        return `reorder folder ${folderId}`;
      },
      async () => {
        const memoId = pickFrom(memoIds());
        if (memoId === undefined) return 'no memo to reorder';
        const sequence = pickFrom(sequences) as string;
        expectCode(await reorderMemo(deps, owner, { memoId: asId(memoId), sequence }), null);
        (model.memos.get(memoId) as { sequence: string }).sequence = sequence;
        return `reorder memo ${memoId}`;
      },
      async () => {
        const memoId = pickFrom(memoIds());
        if (memoId === undefined) return 'no memo to link';
        const targets = memoIds().filter(() => rng.next() < 0.3);
        const refused = targets.includes(memoId) || targets.some((target) => model.links.get(target)?.has(memoId));
        expectCode(await replaceReferences(deps, owner, { memoId: asId(memoId), references: targets.map(asId) }), refused ? 'VALIDATION_FAILED' : null);
        if (!refused) model.links.set(memoId, new Set(targets));
        return `link memo ${memoId} to ${targets.length} memos${refused ? ' (refused)' : ''}`;
      },
      async () => {
        const memoId = pickFrom(memoIds());
        if (memoId === undefined) return 'no memo to delete';
        expectCode(await deleteMemo(deps, owner, asId(memoId)), null);
        dropMemos([memoId]);
        return `delete memo ${memoId}`;
      },
      async () => {
        if (rng.next() < 0.5) return 'spared the folders';
        const folderId = pickFrom(folderIds());
        if (folderId === undefined) return 'no folder to delete';
        expectCode(await deleteFolder(deps, owner, asId(folderId)), null);
        const gone = subtree(model, folderId);
        dropMemos(memoIds().filter((id) => gone.has(model.memos.get(id)?.folderId ?? -1)));
        for (const id of gone) model.folders.delete(id);
        return `delete folder ${folderId} with ${gone.size - 1} below`;
      },
      async () => {
        const folderId = pickFrom(folderIds());
        const memoId = pickFrom(memoIds());
        if (folderId !== undefined) expectCode(await renameFolder(deps, stranger, { folderId: asId(folderId), name: 'taken' }), 'NOT_OWNER');
        if (folderId !== undefined) expectCode(await deleteFolder(deps, stranger, asId(folderId)), 'NOT_OWNER');
        if (memoId !== undefined) expectCode(await moveMemo(deps, stranger, { memoId: asId(memoId), folderId: null }), 'NOT_OWNER');
        expectCode(await moveFolder(deps, owner, { folderId: asId(424242), parentId: null }), 'NOT_FOUND');
        return 'a stranger and an unknown id change nothing';
      },
    ];
    function dropMemos(ids: readonly number[]): void {
      for (const id of ids) {
        model.memos.delete(id);
        model.links.delete(id);
      }
      for (const targets of model.links.values()) for (const id of ids) targets.delete(id);
    }

    // Relative weights, in the order of `operations`.
    const weights = [3, 3, 3, 2, 1, 2, 2, 2, 3, 1, 1, 1];
    const weighted = weights.flatMap((weight, index) => Array<number>(weight).fill(index));
    for (let step = 0; step < steps; step++) {
      // Creation only at first, then growth outweighs deletion, so the tree gets deep enough for cycles to be tried.
      const pick = step < 15 ? rng.int(2) : (weighted[rng.int(weighted.length)] as number);
      const did = await (operations[pick] as () => Promise<string>)();
      try {
        checkTree(await readFolderTree(deps, owner), model);
        await checkDatabase(database, owner.userId, model);
      } catch (error) {
        throw new Error(`seed ${seed}, step ${step} (${did}): ${(error as Error).message}`, { cause: error });
      }
    }
    expect(model.folders.size + model.memos.size).toBeGreaterThan(0);
  });
});
