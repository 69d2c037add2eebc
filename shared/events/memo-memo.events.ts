import { Type } from '@sinclair/typebox';
import { defineEvent } from './event-definition.ts';

/**
 * A memo's lifecycle (topic `pilog.memo.memo`, key = memo id). Memos are private, so events carry the author and
 * the memo's structure but never its text: a consumer that needs the content is a memo read model, which does not
 * exist yet. Each carries the memo's version in the `aggregateversion` extension.
 */
const memoId = Type.Integer({ minimum: 1, description: 'memo id' });
const authorId = Type.Integer({ minimum: 1, description: 'user id of the author (the only one who may see the memo)' });

/** The memo after the change, minus its content: enough to rebuild a tree or a link graph from the latest event. */
const memoState = Type.Object({
  memoId,
  authorId,
  folderId: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()]),
  // Lengths are the memo context's rules (in code points); JSON Schema tools count UTF-16 units, so none here.
  title: Type.String({ minLength: 1 }),
  sequence: Type.String({ minLength: 1 }),
  referenceIds: Type.Array(Type.Integer({ minimum: 1 }), { description: 'outgoing links, after the change' }),
});

const memo = { context: 'memo', aggregate: 'memo', version: 1, aggregateId: (data: { memoId: number }) => String(data.memoId) } as const;

export const memoCreated = defineEvent({ ...memo, event: 'created', data: memoState });

/** Any change: title, content, folder, order or links (`referenceIds` is the whole new list). */
export const memoUpdated = defineEvent({ ...memo, event: 'updated', data: memoState });

/** Hard delete. Every link to and from the memo is gone with it, so consumers drop those too. */
export const memoDeleted = defineEvent({ ...memo, event: 'deleted', data: Type.Object({ memoId, authorId }) });

export const memoEvents = [memoCreated, memoUpdated, memoDeleted] as const;
