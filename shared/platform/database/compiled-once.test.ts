import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compiledOnce } from './compiled-once.ts';
import type { PlatformTables } from './database-handle.ts';
import { openTestDatabase, testDialects, type TestDatabase } from './testing/test-databases.ts';

type NumbersDb = Kysely<PlatformTables & { compiled_once_numbers: { n: number } }>;

describe.each(testDialects)('a query compiled once (%s)', (dialect) => {
  let database: TestDatabase;
  let numbers: NumbersDb;
  beforeAll(async () => {
    database = await openTestDatabase(dialect);
    numbers = database.db.withTables<{ compiled_once_numbers: { n: number } }>();
    await numbers.schema.createTable('compiled_once_numbers').addColumn('n', 'integer').execute();
    await numbers.insertInto('compiled_once_numbers').values([1, 2, 3, 4, 5].map((n) => ({ n }))).execute();
  });
  afterAll(() => database?.close());

  const below = (db: NumbersDb, max: number, limit: number) => db.selectFrom('compiled_once_numbers').select('n').where('n', '<', max).orderBy('n', 'desc').limit(limit);

  it('builds each shape once and runs it with every call’s parameters', async () => {
    let builds = 0;
    const numbersBelow = compiledOnce({
      shapeOf: (_max: number, _limit: number) => 'below',
      build: (db: NumbersDb, max, limit) => (builds++, below(db, max, limit)),
      parametersOf: (max, limit) => [max, limit],
    });
    expect(await numbersBelow(numbers, 4, 2)).toEqual([{ n: 3 }, { n: 2 }]);
    expect(await numbersBelow(numbers, 6, 1)).toEqual([{ n: 5 }]);
    expect(builds).toBe(1);
  });

  it('refuses parameters listed in another order than the compiled SQL takes them', async () => {
    const swapped = compiledOnce({ shapeOf: (_max: number, _limit: number) => 'below', build: below, parametersOf: (max, limit) => [limit, max] });
    await expect(swapped(numbers, 4, 2)).rejects.toThrow('query shape below: its parameters are [4,2], parametersOf gave [2,4]');
  });
});
