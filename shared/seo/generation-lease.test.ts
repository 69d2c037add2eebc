import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../platform/database/testing/test-databases.ts';
import { spawnNode } from '../platform/runtime/testing/spawn-node.ts';
import type { SeoTables } from './adapters/seo-tables.ts';
import { GENERATION_LEASE_MS, LEASE_RENEWAL_MS, regenerateFeeds, type RegenerateFeedsDeps } from './application/regenerate-feeds.ts';
import { seoDepsOn } from './testing/seo-fixtures.ts';

const stalledGenerator = fileURLToPath(new URL('./testing/stalled-generator.fixture.ts', import.meta.url));
const CONTRACT_MS = 60_000;

describe('the feed generation lease across processes (mysql)', () => {
  let database: TestDatabase;
  let deps: RegenerateFeedsDeps;
  const leaseUntil = async () =>
    Number((await database.db.withTables<SeoTables>().selectFrom('seo_feed_state').select('lease_until').executeTakeFirstOrThrow()).lease_until);

  beforeAll(async () => {
    database = await openTestDatabase('mysql');
    deps = seoDepsOn(database);
  });
  afterAll(() => database?.close());

  it('is renewed while a generator lives, and recovers within the contract after that generator is killed mid-run', async () => {
    const generator = spawnNode(stalledGenerator, database.env);
    try {
      await generator.waitForLine((line) => line.message === 'generating', 30_000);
      const claimed = await leaseUntil();
      await new Promise((resolve) => setTimeout(resolve, LEASE_RENEWAL_MS + 1000));
      expect(await leaseUntil()).toBeGreaterThan(claimed);
      expect(await regenerateFeeds(deps, 'always')).toEqual({ kind: 'busy' });

      generator.child.kill('SIGKILL');
      await generator.exited();
      const killedAt = Date.now();
      let outcome = await regenerateFeeds(deps, 'always');
      while (outcome.kind !== 'generated' && Date.now() - killedAt < CONTRACT_MS) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        outcome = await regenerateFeeds(deps, 'always');
      }
      const recoveryMs = Date.now() - killedAt;
      console.info(`feed generation recovered ${(recoveryMs / 1000).toFixed(1)} s after the generator was killed (lease ${GENERATION_LEASE_MS / 1000} s)`);
      expect(outcome.kind).toBe('generated');
      expect(recoveryMs).toBeLessThanOrEqual(GENERATION_LEASE_MS + 1000);
    } finally {
      generator.child.kill('SIGKILL');
    }
  }, 90_000);
});
