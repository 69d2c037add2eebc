/**
 * A read cache for values that can be rebuilt from the database, stored as JSON text. Failures of the cache itself
 * never fail a read: adapters report them as misses. Writers delete keys after their transaction commits.
 */
export interface Cache {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown, ttlSeconds: number): Promise<void>;
  /** The JSON text stored under `key`, exactly as stored: what `set` serialised or what `setJson` was given. */
  getJson(key: string): Promise<string | undefined>;
  /** Stores JSON text the caller has serialised itself, so it can send those very bytes too. */
  setJson(key: string, json: string, ttlSeconds: number): Promise<void>;
  delete(keys: readonly string[]): Promise<void>;
}

/** What an adapter implements: JSON text in and out. */
export type JsonTextStore = Pick<Cache, 'getJson' | 'setJson' | 'delete'>;

/** A cache over an adapter's JSON text: `get` decodes it, `set` serialises. */
export function cacheOfJsonText(store: JsonTextStore): Cache {
  return {
    ...store,
    async get<T>(key: string): Promise<T | undefined> {
      const json = await store.getJson(key);
      return json === undefined ? undefined : (JSON.parse(json) as T);
    },
    set: (key, value, ttlSeconds) => store.setJson(key, JSON.stringify(value), ttlSeconds),
  };
}

/** Read-through: the cached value, or the loaded one, stored for next time. */
export async function cached<T>(cache: Cache, key: string, ttlSeconds: number, load: () => Promise<T>): Promise<T> {
  const hit = await cache.get<T>(key);
  if (hit !== undefined) return hit;
  const value = await load();
  await cache.set(key, value, ttlSeconds);
  return value;
}
