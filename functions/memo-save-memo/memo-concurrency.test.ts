import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleMemos, seedMemos } from '../../shared/memo/testing/seed-memos.ts';
import { startTestPlatform, type FunctionsPlatform } from '../testing/test-platform.ts';
import { manifest as authManifest } from '../auth-manage-session/function.ts';
import { manifest as memoManifest } from './function.ts';
import type { MemoTables } from '../../shared/memo/adapters/memo-tables.ts';

/** An author's writes are serialized (the author's row lock), so limits and cycle checks hold under concurrent requests. */
describe.each(['embedded', 'services'] as const)('concurrent writes of one author (%s profile)', (profile) => {
  let server: FunctionsPlatform;
  beforeAll(async () => {
    server = await startTestPlatform(profile, { functions: [authManifest, memoManifest] });
  });
  afterAll(() => server?.close());

  const statuses = (responses: Response[]) => responses.map((response) => response.status).sort();

  it("a new author's first requests, all at once, all succeed", async () => {
    const author = await server.signIn('first@memo.example');
    const responses = await Promise.all(Array.from({ length: 8 }, (_, i) => author.call('POST', i % 2 === 0 ? '/api/v1/memos' : '/api/v1/folders', {})));
    expect(statuses(responses)).toEqual(Array(8).fill(201));
  });

  it('twenty creations racing for the last five memo places: five win, fifteen get 409, never a 1001st memo', async () => {
    const author = await server.signIn('quota@memo.example');
    await author.expectJson('POST', '/api/v1/folders', {}, 201);
    await seedMemos(server.database.db, author.caller.userId, sampleMemos(995, 20), 5_000_000);
    const responses = await Promise.all(Array.from({ length: 20 }, () => author.call('POST', '/api/v1/memos', {})));
    expect(statuses(responses)).toEqual([...Array(5).fill(201), ...Array(15).fill(409)]);
    const rows = await server.database.db.withTables<MemoTables>().selectFrom('memo_memos').select((eb) => eb.fn.countAll().as('count')).where('author_id', '=', author.caller.userId).executeTakeFirst();
    expect(Number(rows?.count)).toBe(1000);
  });

  it('two folders moved under each other at the same time: one move wins, the other is a cycle (400)', async () => {
    const author = await server.signIn('cycles@memo.example');
    for (let round = 0; round < 5; round++) {
      const [a, b] = [
        (await author.expectJson<{ folder: { id: number } }>('POST', '/api/v1/folders', {}, 201)).folder.id,
        (await author.expectJson<{ folder: { id: number } }>('POST', '/api/v1/folders', {}, 201)).folder.id,
      ];
      const responses = await Promise.all([author.call('PUT', `/api/v1/folders/${a}/parent`, { parentId: b }), author.call('PUT', `/api/v1/folders/${b}/parent`, { parentId: a })]);
      expect(statuses(responses)).toEqual([200, 400]);
    }
  });
});
