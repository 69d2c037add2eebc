import { raise, type RaisedEvent } from '../../events/event-definition.ts';
import { memoUpdated } from '../../events/memo-memo.events.ts';
import type { Caller } from '../../kernel/access.ts';
import type { AppError } from '../../kernel/app-error.ts';
import type { Result } from '../../kernel/result.ts';
import type { IdGenerator } from '../../kernel/snowflake.ts';
import type { MemoHeader } from '../domain/memo.ts';
import type { FolderTreeCache } from '../ports/folder-tree-cache.port.ts';
import type { MemoStore, MemoWriteSession } from '../ports/memo-store.port.ts';

/** What every memo use case runs on; `openMemo(platform)` (`adapters/open-memo.ts`) opens the profile's adapters into it. */
export interface MemoDeps {
  readonly store: MemoStore;
  readonly treeCache: FolderTreeCache;
  readonly ids: IdGenerator;
}

/**
 * Every write of a user goes through here: one transaction as that author (recording the caller's roles), then,
 * once committed, the replaced folder tree is dropped from the cache.
 */
export async function writeAsAuthor<T>(
  deps: MemoDeps,
  caller: Caller,
  work: (session: MemoWriteSession) => Promise<Result<T, AppError>>,
): Promise<Result<T, AppError>> {
  const outcome = await deps.store.write({ authorId: caller.userId, roles: caller.roles }, work);
  if (outcome.replacedTreeVersion !== undefined) await deps.treeCache.discard(caller.userId, outcome.replacedTreeVersion);
  return outcome.result;
}

/**
 * The `memoUpdated` event of a change: `changed` is the memo with the change applied but still its stored version
 * (the store increments it with the change, and the event carries that next version); links as they now are.
 */
export async function memoUpdatedEvent(session: MemoWriteSession, changed: MemoHeader, referenceIds?: readonly number[]): Promise<RaisedEvent> {
  const links = referenceIds ?? (await session.referenceIdsOf(changed.id));
  return raise(
    memoUpdated,
    { memoId: changed.id, authorId: changed.authorId, folderId: changed.folderId, title: changed.title, sequence: changed.sequence, referenceIds: [...links] },
    changed.version + 1,
  );
}
