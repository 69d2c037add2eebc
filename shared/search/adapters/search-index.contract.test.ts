import { randomBytes } from 'node:crypto';
import { Client } from '@opensearch-project/opensearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../kernel/clock.ts';
import { openTestDatabase, type TestDatabase } from '../../platform/database/testing/test-databases.ts';
import type { Kysely } from 'kysely';
import { searchQueryOf } from '../domain/search-query.ts';
import type { SearchEntry } from '../domain/search-entry.ts';
import type { SearchIndex, SearchIndexRebuild } from '../ports/search-index.port.ts';
import { documentEntry, tombstone } from '../testing/search-fixtures.ts';
import { createOpenSearchIndex } from './search-index.opensearch.ts';
import { createSqliteSearchIndex } from './search-index.sqlite.ts';

interface Subject {
  readonly index: SearchIndex & SearchIndexRebuild;
  /** Makes writes visible to searches (OpenSearch refreshes about every second by itself). */
  settle(): Promise<void>;
  close(): Promise<void>;
}

const openSearchUrl = process.env.PILOG_TEST_OPENSEARCH_URL ?? 'http://127.0.0.1:9200';

const subjects: Array<[string, () => Promise<Subject>]> = [
  [
    'SQLite FTS5',
    async () => {
      const database: TestDatabase = await openTestDatabase('sqlite');
      return { index: createSqliteSearchIndex(database.db as Kysely<unknown>, systemClock), settle: async () => {}, close: () => database.close() };
    },
  ],
  [
    'OpenSearch',
    async () => {
      const client = new Client({ node: openSearchUrl });
      const alias = `pilog-test-${randomBytes(4).toString('hex')}`;
      return {
        index: createOpenSearchIndex(client, { alias, clock: systemClock }),
        settle: async () => void (await client.indices.refresh({ index: alias, ignore_unavailable: true })),
        async close() {
          await client.indices.delete({ index: `${alias}-*` });
          await client.close();
        },
      };
    },
  ],
];

/** One behaviour for both indexes: versions, tombstones, Korean and English matching, ranking, rebuild. */
describe.each(subjects)('search index contract: %s', (_name, open) => {
  let subject: Subject;
  beforeAll(async () => {
    subject = await open();
  });
  afterAll(() => subject?.close());

  const write = async (...entries: SearchEntry[]) => {
    expect(await subject.index.write(entries)).toEqual({ ok: true, value: undefined });
    await subject.settle();
  };
  const search = async (keyword: string, limit = 50) => {
    const result = await subject.index.search(searchQueryOf(keyword) ?? { text: '', terms: [] }, limit);
    if (!result.ok) throw new Error(result.error.message);
    return result.value;
  };

  it('answers nothing before anything is indexed', async () => {
    expect(await search('anything')).toEqual([]);
  });

  it('finds Korean words by substring and prefix, English by word and prefix, in any case', async () => {
    await write(
      documentEntry(101, 3, { title: '라즈베리 파이 클러스터 운영기', body: '쿠버네티스와 Knative로 블로그를 옮겼습니다. 검색엔진은 OpenSearch.' }),
      documentEntry(102, 3, { title: 'Kotlin coroutines', body: 'Structured concurrency on the JVM' }),
    );
    expect(await search('클러스터')).toEqual([101]);
    expect(await search('쿠버네티스')).toEqual([101]);
    expect(await search('검색')).toEqual([101]);
    expect(await search('파이')).toEqual([101]);
    expect(await search('검')).toEqual([101]);
    expect(await search('KOTLIN')).toEqual([102]);
    expect(await search('corout')).toEqual([102]);
    expect(await search('kotlin concurrency')).toEqual([102]);
    expect(await search('kotlin 클러스터')).toEqual([]);
    expect(await search('python')).toEqual([]);
  });

  it('takes control characters in a keyword as separators, never as a query error (issue 12, case 2)', async () => {
    await write(documentEntry(151, 1, { title: 'ab cd', body: 'plain text' }));
    expect(await search('ab\u0000cd')).toEqual([151]);
    expect(await search('zz\u0000zzz\u001fq"q')).toEqual([]);
    expect(await search('NEAR( "*')).toEqual([]);
  });

  it('ranks a title match over a body match, and caps the results', async () => {
    await write(
      documentEntry(201, 1, { title: 'Notes', body: 'raspberry pi, raspberry pi everywhere' }),
      documentEntry(202, 1, { title: 'Raspberry', body: 'a single board computer' }),
    );
    expect(await search('raspberry')).toEqual([202, 201]);
    expect(await search('raspberry', 1)).toEqual([202]);
  });

  it('never lets an older version or a repeat regress a document, nor a late publish pass a tombstone', async () => {
    await write(documentEntry(301, 5, { title: 'Version five zebra' }));
    await write(documentEntry(301, 4, { title: 'Version four yak' }), documentEntry(301, 5, { title: 'Version five yak' }));
    expect(await search('zebra')).toEqual([301]);
    expect(await search('yak')).toEqual([]);
    await write(tombstone(301, 6));
    expect(await search('zebra')).toEqual([]);
    await write(documentEntry(301, 5, { title: 'Version five zebra' }), tombstone(301, 6));
    expect(await search('zebra')).toEqual([]);
    await write(documentEntry(301, 7, { title: 'Version seven zebra' }));
    expect(await search('zebra')).toEqual([301]);
  });

  it('rebuilds into a fresh index made live at once, dropping articles that are gone and keeping newer live writes', async () => {
    await write(documentEntry(401, 1, { title: 'Gone walrus' }), documentEntry(402, 1, { title: 'Kept walrus' }));
    const target = await subject.index.start();
    expect((await target.write([documentEntry(402, 2, { title: 'Kept walrus, rebuilt' }), documentEntry(403, 1, { title: 'New walrus' })])).ok).toBe(true);
    await target.promote();
    await write(documentEntry(403, 2, { title: 'New walrus, edited live' }), documentEntry(403, 1, { title: 'stale' }));
    expect([...(await search('walrus'))].sort()).toEqual([402, 403]);
    expect(await search('edited')).toEqual([403]);
    expect(await search('zebra')).toEqual([]);
  });
});

describe('OpenSearch index preparation', () => {
  it('creates the first versioned index behind the alias, and brings an existing one to the current settings', async () => {
    const client = new Client({ node: openSearchUrl });
    const alias = `pilog-test-${randomBytes(4).toString('hex')}`;
    const index = createOpenSearchIndex(client, { alias, clock: systemClock });
    const refreshInterval = async () => {
      const settings = (await client.indices.getSettings({ index: alias })).body as Record<string, { settings: { index: { refresh_interval?: string } } }>;
      return Object.entries(settings).map(([name, value]) => [name, value.settings.index.refresh_interval]);
    };
    try {
      await index.prepare();
      expect(await refreshInterval()).toEqual([[`${alias}-initial`, '250ms']]);
      await client.indices.putSettings({ index: alias, body: { index: { refresh_interval: '5s' } } });
      await index.prepare();
      expect(await refreshInterval()).toEqual([[`${alias}-initial`, '250ms']]);
    } finally {
      await client.indices.delete({ index: `${alias}-*` });
      await client.close();
    }
  });
});
