import { fromJsonText, jsonTextOf } from '../../kernel/json-text.ts';
import type { Cache } from '../../platform/cache/cache.port.ts';
import type { ArticleStatus, Tag } from '../domain/article.ts';
import type { ArticleCard, ArticleView, ListedStatus } from '../domain/article-views.ts';

/** Long enough to matter under load; staleness never depends on it, since writers retire generations. */
const ENTRY_TTL_SECONDS = 60;
/** A generation outlives every entry made under it, so an expired generation cannot bring an old entry back. */
const GENERATION_TTL_SECONDS = 24 * 60 * 60;
/** Entries this process keeps decoded: the first page, details being read, a few tag lists. */
const SETTLED_ENTRIES = 500;

/**
 * The blog's read cache (§2.1 freshness). Every entry's key holds a generation token: one per article for its
 * detail reads, one per listed status for the lists, tag lists and top tags. A writer, after its commit, deletes
 * the generation keys the change touched; the next reader starts a new generation and misses. That is safe against
 * the classic race where a slow reader stores what it read before the commit after the writer's invalidation:
 * it stores under the retired generation, which no later reader asks for. So an immediate read after a publish
 * sees the new copy, and no read is staler than the writer's own invalidation.
 *
 * An entry never changes once stored under its generation, so this process keeps the entries it has read, decoded,
 * as the very same objects (which lets the HTTP layer send their bytes serialised once): a hit costs the
 * generation lookup only, the one thing a writer elsewhere can change. A miss serialises its value once, for the
 * shared cache and the answer alike; an entry read from the shared cache is answered as the text it was stored as.
 */
export interface ArticleReadCache {
  detail(articleId: number, status: ListedStatus, load: () => Promise<ArticleView | null>): Promise<ArticleView | null>;
  list(status: ListedStatus, query: string, load: () => Promise<readonly ArticleCard[]>): Promise<readonly ArticleCard[]>;
  topTags(count: number, load: () => Promise<readonly Tag[]>): Promise<readonly Tag[]>;
  /** After a commit: retires the article's detail entries and the lists of the statuses it had before and after. */
  invalidate(articleId: number, statuses: readonly ArticleStatus[]): Promise<void>;
}

const articleGeneration = (articleId: number) => `gen:article:${articleId}`;
const listGeneration = (status: ListedStatus) => `gen:list:${status}`;

export function createArticleReadCache(cache: Cache, options: { onInvalidationFailure: (error: unknown) => void }): ArticleReadCache {
  const generation = async (key: string): Promise<string> => {
    const current = await cache.get<string>(key);
    if (current !== undefined) return current;
    const started = crypto.randomUUID();
    await cache.set(key, started, GENERATION_TTL_SECONDS);
    return started;
  };

  const settled = new Map<string, { value: unknown }>();
  const settle = (entryKey: string, entry: { value: unknown }): void => {
    settled.set(entryKey, entry);
    if (settled.size > SETTLED_ENTRIES) settled.delete(settled.keys().next().value as string);
  };
  async function through<T>(generationKey: string, key: string, load: () => Promise<T>): Promise<T> {
    // An entry is the value's JSON text itself ("null" for a cached not-found, which a miss never is); `json:` keeps
    // these keys apart from the entries of builds that stored the value wrapped, `{"value": ...}`.
    const entryKey = `json:${key}@${await generation(generationKey)}`;
    const known = settled.get(entryKey);
    if (known !== undefined) return known.value as T;
    const hit = await cache.getJson(entryKey);
    if (hit !== undefined) {
      const value = fromJsonText<T>(hit);
      settle(entryKey, { value });
      return value;
    }
    const value = await load();
    settle(entryKey, { value });
    // Answered without waiting for the shared cache to confirm the write: adapters report a failed write, never
    // throw it, and a write that lands late lands under the generation it was read in, like any other. The text
    // stored is the text the answer sends (jsonTextOf serialises each value once).
    void cache.setJson(entryKey, jsonTextOf(value), ENTRY_TTL_SECONDS);
    return value;
  }

  return {
    detail: (articleId, status, load) => through(articleGeneration(articleId), `article:${articleId}:${status}`, load),
    list: (status, query, load) => through(listGeneration(status), `list:${status}:${query}`, load),
    topTags: (count, load) => through(listGeneration('PUBLISHED'), `top-tags:${count}`, load),
    async invalidate(articleId, statuses) {
      const lists = [...new Set(statuses)].filter((status): status is ListedStatus => status !== 'DELETED').map(listGeneration);
      try {
        await cache.delete([articleGeneration(articleId), ...lists]);
      } catch (error) {
        // The write has committed and must be answered as done; readers may see the old data until entries expire.
        options.onInvalidationFailure(error);
      }
    },
  };
}
