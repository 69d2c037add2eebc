import type { FolderInfo } from '../domain/folder-tree.ts';

/**
 * The folder tree per author, keyed by the author's tree version: a reader can never store a tree under a
 * version it does not reflect, so no race between a reader's refill and a writer's invalidation leaves a stale
 * tree behind. Discarding the replaced version after commit just frees its space.
 */
export interface FolderTreeCache {
  get(authorId: number, treeVersion: number): Promise<FolderInfo[] | undefined>;
  put(authorId: number, treeVersion: number, tree: readonly FolderInfo[]): Promise<void>;
  discard(authorId: number, treeVersion: number): Promise<void>;
}
