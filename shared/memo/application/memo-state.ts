import { raise, type RaisedEvent } from '../../events/event-definition.ts';
import { memoUpdated } from '../../events/memo-memo.events.ts';
import type { MemoHeader } from '../domain/memo.ts';
import type { MemoWriteSession } from '../ports/memo-store.port.ts';

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
