import type { Platform } from '../../platform/runtime/open-platform.ts';
import type { MemoDeps } from '../application/memo-deps.ts';
import { createFolderTreeCache } from './folder-tree-cache.cache.ts';
import type { MemoTables } from './memo-tables.ts';
import { createSqlMemoStore } from './memo-store.sql.ts';

/**
 * The memo use cases' dependencies on the platform: the store (rows and outbox in one transaction, the relay after
 * commit) and the folder-tree cache. Every entry that runs memo use cases (the HTTP function, the purge, the realtime
 * channel) opens them here, so they all validate, raise events and invalidate the cache the same way.
 */
export async function openMemo(platform: Platform): Promise<MemoDeps> {
  const [database, ids, relay, cache] = await Promise.all([platform.database(), platform.ids(), platform.relay(), platform.cache('memo')]);
  return {
    store: createSqlMemoStore({ db: database.db.withTables<MemoTables>(), dialect: database.dialect, ids, clock: platform.clock, relay }),
    treeCache: createFolderTreeCache(cache, platform.logger),
    ids,
  };
}
