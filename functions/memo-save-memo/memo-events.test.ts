import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoCreated, memoDeleted, memoUpdated } from '../../shared/events/memo-memo.events.ts';
import { asId } from '../../shared/kernel/id.ts';
import { replaceReferences } from '../../shared/memo/application/replace-references.ts';
import { updateMemo } from '../../shared/memo/application/update-memo.ts';
import { processEventBus } from '../../shared/platform/messaging/event-publisher.in-process.ts';
import type { OutgoingEvent } from '../../shared/platform/messaging/event-publisher.port.ts';
import { consumeUntil, createTopic, headerText, testKafkaBrokers, type ConsumedMessage } from '../../shared/platform/messaging/testing/test-kafka.ts';
import type { ApiCaller } from '../testing/api-caller.ts';
import { startTestPlatform, type FunctionsPlatform } from '../testing/test-platform.ts';
import { manifest as authManifest } from '../auth-manage-session/function.ts';
import { manifest as memoManifest } from './function.ts';
import type { MemoDeps } from '../../shared/memo/application/memo-deps.ts';
import { openMemoForTest } from '../../shared/memo/testing/open-memo-for-test.ts';

interface Seen {
  readonly type: string;
  readonly version: string | undefined;
  readonly data: unknown;
}

/**
 * A memo's life through HTTP and the realtime use cases, and the events it leaves: written to the outbox in the
 * write's transaction, then published (the in-process bus when embedded, Kafka with services), each with
 * the memo's version. Folder changes and no-op saves raise nothing.
 */
describe.each(['embedded', 'services'] as const)('memo events through the outbox (%s profile)', (profile) => {
  let server: FunctionsPlatform;
  let memoCases: MemoDeps;
  let owner: ApiCaller;
  const bus: OutgoingEvent[] = [];
  let unsubscribe = (): void => {};

  beforeAll(async () => {
    if (profile === 'services') await createTopic(testKafkaBrokers(), memoCreated.topic);
    else unsubscribe = processEventBus.subscribe(memoCreated.topic, (event) => void bus.push(event));
    server = await startTestPlatform(profile, { functions: [authManifest, memoManifest] });
    memoCases = await server.open(openMemoForTest);
    owner = await server.signIn('events@memo.example');
  });
  afterAll(async () => {
    unsubscribe();
    await server?.close();
  });

  it('raises created, updated (folder, title, links) and deleted, with the memo version, and nothing for no-op saves', async () => {
    const { folder } = await owner.expectJson<{ folder: { id: number } }>('POST', '/api/v1/folders', {}, 201);
    const { memoId: target } = await owner.expectJson<{ memoId: number }>('POST', '/api/v1/memos', {}, 201);
    const { memoId } = await owner.expectJson<{ memoId: number }>('POST', '/api/v1/memos', {}, 201);
    await owner.expectJson('PUT', `/api/v1/memos/${memoId}/parent`, { folderId: folder.id });
    await owner.expectJson('PUT', `/api/v1/folders/${folder.id}/name`, { folderId: folder.id, name: 'no event' });
    const deps = memoCases;
    await updateMemo(deps, owner.caller, { memoId: asId(memoId), title: '제목', content: '본문' });
    await updateMemo(deps, owner.caller, { memoId: asId(memoId), title: '제목', content: '본문' });
    await replaceReferences(deps, owner.caller, { memoId: asId(memoId), references: [asId(target)] });
    expect((await owner.call('DELETE', `/api/v1/memos/${memoId}`)).status).toBe(204);

    const state = { memoId, authorId: owner.caller.userId, sequence: '0|hzzzzz:' };
    const expected: Seen[] = [
      { type: memoCreated.type, version: '1', data: { ...state, folderId: null, title: 'untitled', referenceIds: [] } },
      { type: memoUpdated.type, version: '2', data: { ...state, folderId: folder.id, title: 'untitled', referenceIds: [] } },
      { type: memoUpdated.type, version: '3', data: { ...state, folderId: folder.id, title: '제목', referenceIds: [] } },
      { type: memoUpdated.type, version: '4', data: { ...state, folderId: folder.id, title: '제목', referenceIds: [target] } },
      { type: memoDeleted.type, version: '5', data: { memoId, authorId: owner.caller.userId } },
    ];

    const rows = await server.database.db.selectFrom('outbox').select(['type', 'aggregate_version', 'payload', 'published_at']).where('aggregateid', '=', String(memoId)).orderBy('id').execute();
    expect(rows.map((row) => ({ type: row.type, version: String(row.aggregate_version), data: JSON.parse(row.payload) }))).toEqual(expected);
    // Published after the answers, in the background (writes never wait on the broker).
    const unpublished = () => server.database.db.selectFrom('outbox').select('id').where('aggregateid', '=', String(memoId)).where('published_at', 'is', null).execute();
    await expect.poll(async () => (await unpublished()).length, { timeout: 20_000 }).toBe(0);

    if (profile === 'embedded') {
      const seen = bus.filter((event) => event.key === String(memoId)).map((event) => ({ type: event.type, version: event.extensions.aggregateversion, data: event.data }));
      expect(seen).toEqual(expected);
    } else {
      const mine = (messages: readonly ConsumedMessage[]): ConsumedMessage[] => messages.filter((message) => message.key?.toString() === String(memoId));
      const messages = mine(await consumeUntil(testKafkaBrokers(), memoCreated.topic, (all) => mine(all).length >= expected.length));
      const seen = messages.map((message) => ({ type: headerText(message, 'ce_type'), version: headerText(message, 'ce_aggregateversion'), data: JSON.parse(message.value?.toString() ?? 'null') }));
      // Two writers here, as in the cluster: the HTTP function and the realtime use cases, each with its own
      // producer. Kafka orders what one producer sends (shared/platform/outbox/relay-order.test.ts); across two,
      // a later event can arrive first, and consumers order by the version (docs/adr/0003-outbox-and-events.md).
      expect(seen.toSorted((a, b) => Number(a.version) - Number(b.version))).toEqual(expected);
    }
  });
});
