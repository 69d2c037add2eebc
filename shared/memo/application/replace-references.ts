import type { Caller } from '../../kernel/access.ts';
import type { AppError } from '../../kernel/app-error.ts';
import type { Id } from '../../kernel/id.ts';
import { ok, type Result } from '../../kernel/result.ts';
import { checkReferences } from '../domain/references.ts';
import { memoUpdatedEvent, writeAsAuthor, type MemoDeps } from './memo-deps.ts';
import { ownedMemo } from './ownership.ts';

export interface ReplaceReferencesInput {
  readonly memoId: Id;
  /** The complete new list of outgoing links. Absent or null: unchanged. */
  readonly references?: readonly Id[] | null;
}

/**
 * Replaces a memo's outgoing links wholesale (realtime `/memo/updateReferences`, §2.3). One target that does not
 * exist, belongs to another author, is the memo itself or already links back makes the whole update fail, and
 * nothing is stored.
 */
export async function replaceReferences(deps: MemoDeps, caller: Caller, input: ReplaceReferencesInput): Promise<Result<{ memoId: number }, AppError>> {
  const requested = input.references ?? undefined;
  return writeAsAuthor(deps, caller, async (session) => {
    const memo = ownedMemo(caller, await session.findMemo(input.memoId), input.memoId);
    if (!memo.ok) return memo;
    if (requested === undefined) return ok({ memoId: input.memoId });
    const targets = new Map((await session.findMemos(requested)).map((target) => [target.id, target]));
    const linkingBack = new Set(await session.linkingTo(input.memoId, [...targets.keys()]));
    const checked = checkReferences(memo.value, requested, targets, linkingBack);
    if (!checked.ok) return checked;
    const current = await session.referenceIdsOf(input.memoId);
    const unchanged = current.length === checked.value.length && checked.value.every((id) => current.includes(id));
    if (!unchanged) {
      await session.replaceReferences(input.memoId, checked.value);
      session.raise([await memoUpdatedEvent(session, memo.value, checked.value)]);
    }
    return ok({ memoId: input.memoId });
  });
}
