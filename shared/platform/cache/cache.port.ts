/**
 * A read cache for values that can be rebuilt from the database. Failures of the cache itself never fail a read:
 * adapters report them as misses. Writers delete keys after their transaction commits.
 */
export interface Cache {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown, ttlSeconds: number): Promise<void>;
  delete(keys: readonly string[]): Promise<void>;
}

/** Read-through: the cached value, or the loaded one, stored for next time. */
export async function cached<T>(cache: Cache, key: string, ttlSeconds: number, load: () => Promise<T>): Promise<T> {
  const hit = await cache.get<T>(key);
  if (hit !== undefined) return hit;
  const value = await load();
  await cache.set(key, value, ttlSeconds);
  return value;
}
