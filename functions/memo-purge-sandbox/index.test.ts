import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../../shared/kernel/access.ts';
import { asId } from '../../shared/kernel/id.ts';
import { memoSettings } from '../../shared/memo/adapters/memo-settings.ts';
import { openMemo } from '../../shared/memo/adapters/open-memo.ts';
import type { MemoDeps } from '../../shared/memo/application/memo-deps.ts';
import { openEventPublisher } from '../../shared/platform/messaging/open-event-publisher.ts';
import { openPlatform, type Platform } from '../../shared/platform/runtime/open-platform.ts';
import { createFolder, readFolderTree } from '../../shared/memo/application/folders.ts';
import { createMemo } from '../../shared/memo/application/create-memo.ts';
import { replaceReferences } from '../../shared/memo/application/replace-references.ts';
import { loadConfig } from '../../shared/platform/config/load-config.ts';
import { openTestDatabase, type TestDatabase } from '../../shared/platform/database/testing/test-databases.ts';
import { createLogger } from '../../shared/platform/logging/logger.ts';
import { registeredListener } from '../../shared/platform/runtime/register-function.ts';
import type { RunningFunction } from '../../shared/platform/runtime/running-function.ts';
import { manifest } from './function.ts';
import { loadFunction } from '../function-modules.ts';
import type { MemoTables } from '../../shared/memo/adapters/memo-tables.ts';

/** The function started as its container would, served over real HTTP, ticked like a PingSource ticks it. */
async function serve(env: Readonly<Record<string, string>>): Promise<{ ping(): Promise<Response>; stop(): Promise<void> }> {
  const running: RunningFunction = await (await loadFunction(manifest)).start({ logger: createLogger({ sink: { write: () => {} } }), env });
  const server: Server = createServer(registeredListener(manifest.name)).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return {
    ping: () =>
      fetch(url, {
        method: 'POST',
        headers: { 'ce-specversion': '1.0', 'ce-id': crypto.randomUUID(), 'ce-type': 'dev.knative.sources.ping', 'ce-source': '/apis/v1/namespaces/pilog/pingsources/memo-purge-sandbox', 'content-type': 'application/json' },
        body: '{}',
      }),
    async stop() {
      server.close();
      await running.close();
    },
  };
}

describe.each([
  ['embedded', 'sqlite'],
  ['services', 'mysql'],
] as const)('memo-purge-sandbox (%s profile)', (profile, dialect) => {
  let database: TestDatabase;
  let env: Record<string, string>;
  let platform: Platform;
  let memo: MemoDeps;
  const user: Caller = { userId: Date.now() * 1000 + 1, roles: ['USER'] };
  const admin: Caller = { userId: user.userId + 1, roles: ['ADMIN', 'USER'] };

  beforeAll(async () => {
    database = await openTestDatabase(dialect);
    env = { ...database.env, ...(profile === 'services' ? { PILOG_REDIS_URL: process.env.PILOG_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379', PILOG_KAFKA_BROKERS: process.env.PILOG_TEST_KAFKA_BROKERS ?? '127.0.0.1:9092' } : {}) };
    platform = openPlatform(loadConfig(memoSettings, env), { name: 'purge-test', logger: createLogger({ sink: { write: () => {} } }), publisher: openEventPublisher });
    memo = await openMemo(platform);
  });
  afterAll(async () => {
    await platform?.close();
    await database?.close();
  });

  const fill = async (caller: Caller) => {
    const folder = await createFolder(memo, caller, { parentId: null });
    if (!folder.ok) throw new Error(folder.error.message);
    const child = await createFolder(memo, caller, { parentId: asId(folder.value.id) });
    if (!child.ok) throw new Error(child.error.message);
    const memos = [];
    for (const folderId of [null, folder.value.id, child.value.id]) {
      const created = await createMemo(memo, caller, { folderId: folderId === null ? null : asId(folderId) });
      if (!created.ok) throw new Error(created.error.message);
      memos.push(created.value.memoId);
    }
    await replaceReferences(memo, caller, { memoId: asId(memos[0] as number), references: [asId(memos[2] as number)] });
    return memos;
  };
  const counts = async (caller: Caller) => {
    const tree = JSON.stringify(await readFolderTree(memo, caller));
    const rows = await database.db.withTables<MemoTables>().selectFrom('memo_memos').select('id').where('author_id', '=', caller.userId).execute();
    const folders = await database.db.withTables<MemoTables>().selectFrom('memo_folders').select('id').where('author_id', '=', caller.userId).execute();
    return { memos: rows.length, folders: folders.length, treeMentions: (tree.match(/"memos":\[\{/g) ?? []).length };
  };

  it('is off while PILOG_MEMO_PURGE_CRON is empty: a tick answers done and deletes nothing', async () => {
    await fill(user);
    const before = await counts(user);
    const fn = await serve(env);
    try {
      const response = await fn.ping();
      expect([response.status, await response.json()]).toEqual([200, { status: 'done' }]);
    } finally {
      await fn.stop();
    }
    expect(await counts(user)).toEqual(before);
  });

  it('refuses to start with a schedule that is not five cron fields', async () => {
    await expect(serve({ ...env, PILOG_MEMO_PURGE_CRON: 'every monday' })).rejects.toThrow(/PILOG_MEMO_PURGE_CRON/);
  });

  it("when configured, deletes every non-ADMIN author's memos and folders (tree cache included) and spares ADMINs", async () => {
    await fill(admin);
    const adminBefore = await counts(admin);
    expect((await counts(user)).memos).toBeGreaterThan(0); // and the user's tree is now cached
    const fn = await serve({ ...env, PILOG_MEMO_PURGE_CRON: '0 15 * * 1' });
    try {
      const response = await fn.ping();
      expect([response.status, await response.json()]).toEqual([200, { status: 'done' }]);
    } finally {
      await fn.stop();
    }
    expect(await counts(user)).toEqual({ memos: 0, folders: 0, treeMentions: 0 });
    expect(await counts(admin)).toEqual(adminBefore);
    const deletions = await database.db.withTables<MemoTables>().selectFrom('outbox').select(['aggregateid']).where('type', '=', 'pilog.memo.memo.deleted.v1').execute();
    expect(deletions).toHaveLength(3);
    // The user may start again.
    expect((await createMemo(memo, user, { folderId: null })).ok).toBe(true);
  });
});
