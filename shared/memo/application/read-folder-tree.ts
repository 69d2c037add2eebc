import type { Caller } from '../../kernel/access.ts';
import { buildFolderTree, type FolderInfo } from '../domain/folder-tree.ts';
import type { MemoDeps } from './memo-deps.ts';

/** The caller's folder tree, from the cache when it holds the current version. */
export async function readFolderTree(deps: MemoDeps, caller: Caller): Promise<FolderInfo[]> {
  const current = await deps.store.treeVersion(caller.userId);
  const hit = await deps.treeCache.get(caller.userId, current);
  if (hit) return hit;
  const { version, snapshot } = await deps.store.treeSnapshot(caller.userId);
  const tree = buildFolderTree(snapshot);
  await deps.treeCache.put(caller.userId, version, tree);
  return tree;
}
