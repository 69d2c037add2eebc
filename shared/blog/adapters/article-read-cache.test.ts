import { afterEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../../kernel/clock.ts';
import { jsonTextOf } from '../../kernel/json-text.ts';
import { createMemoryCache } from '../../platform/cache/cache.memory.ts';
import type { ArticleCard } from '../domain/article-views.ts';
import { createArticleReadCache } from '../application/article-read-cache.ts';

const ignoreInvalidationFailures = { onInvalidationFailure: () => {} };
const cards = (): ArticleCard[] => [
  { id: 7, title: 'Walrus', content: 'tusks', thumbnailUrl: 'https://example.org/w.png', createdAt: '2026-12-06T05:00:00', tags: [{ id: 1, name: 'sea' }], contentStatus: 'PUBLISHED' },
];
const objectsSerialised = (stringify: { mock: { calls: unknown[][] } }) => stringify.mock.calls.filter(([value]) => typeof value === 'object' && value !== null).length;

/** The read cache (application) over the platform's in-process cache: two of them over one cache are two pods over Redis. */
describe('the blog read cache', () => {
  afterEach(() => vi.restoreAllMocks());

  it('serialises a miss once, for the shared cache and the answer alike', async () => {
    const shared = createMemoryCache({ maxEntries: 100, clock: systemClock });
    const stringify = vi.spyOn(JSON, 'stringify');
    const page = await createArticleReadCache(shared, ignoreInvalidationFailures).list('PUBLISHED', 'page::20', async () => cards());
    const answered = jsonTextOf(page);
    expect(JSON.parse(answered)).toEqual(cards());
    expect(objectsSerialised(stringify)).toBe(1);
  });

  it('answers another process’s entry as the very text it was stored as, without loading or serialising it', async () => {
    const shared = createMemoryCache({ maxEntries: 100, clock: systemClock });
    const stored: string[] = [];
    const recording = { ...shared, setJson: (key: string, json: string, ttl: number) => (stored.push(json), shared.setJson(key, json, ttl)) };
    const written = await createArticleReadCache(recording, ignoreInvalidationFailures).list('PUBLISHED', 'page::20', async () => cards());
    await new Promise((resolve) => setImmediate(resolve)); // the entry's write is not awaited by the read
    const entryText = stored.find((json) => json.startsWith('['));
    expect(entryText).toBe(jsonTextOf(written));

    const stringify = vi.spyOn(JSON, 'stringify');
    const other = createArticleReadCache(shared, ignoreInvalidationFailures);
    const read = await other.list('PUBLISHED', 'page::20', () => Promise.reject(new Error('a hit must not load')));
    expect(read).toEqual(cards());
    expect(jsonTextOf(read)).toBe(entryText);
    expect(objectsSerialised(stringify)).toBe(0);
  });

  it('keeps a cached "not found" apart from a miss', async () => {
    const shared = createMemoryCache({ maxEntries: 100, clock: systemClock });
    expect(await createArticleReadCache(shared, ignoreInvalidationFailures).detail(7, 'PUBLISHED', async () => null)).toBeNull();
    await new Promise((resolve) => setImmediate(resolve));
    let loads = 0;
    expect(await createArticleReadCache(shared, ignoreInvalidationFailures).detail(7, 'PUBLISHED', async () => (loads++, null))).toBeNull();
    expect(loads).toBe(0);
  });
});
