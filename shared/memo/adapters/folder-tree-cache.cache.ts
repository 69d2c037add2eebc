import type { Cache } from '../../platform/cache/cache.port.ts';
import type { Logger } from '../../platform/logging/logger.ts';
import type { FolderInfo } from '../domain/folder-tree.ts';
import type { FolderTreeCache } from '../ports/folder-tree-cache.port.ts';

/** Versioned keys never serve a stale tree, so the TTL only bounds how long an abandoned version takes up room. */
const TTL_SECONDS = 15 * 60;

const keyOf = (authorId: number, treeVersion: number): string => `tree:${authorId}:${treeVersion}`;

/** The folder tree cache on the platform cache: Redis in the services profile, the process LRU when embedded. */
export function createFolderTreeCache(cache: Cache, logger: Logger): FolderTreeCache {
  return {
    get: (authorId, treeVersion) => cache.get<FolderInfo[]>(keyOf(authorId, treeVersion)),
    put: (authorId, treeVersion, tree) => cache.set(keyOf(authorId, treeVersion), tree, TTL_SECONDS),
    async discard(authorId, treeVersion) {
      // Nobody reads a replaced version again, so a failed delete costs memory until the TTL, never freshness.
      await cache.delete([keyOf(authorId, treeVersion)]).catch((error: unknown) => logger.warn('could not discard a replaced folder tree', { authorId, treeVersion, error }));
    },
  };
}
