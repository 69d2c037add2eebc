const texts = new WeakMap<object, string>();

/**
 * The JSON text of a value that never changes once made (a read-cache entry, which a new generation replaces rather
 * than edits): serialised at most once per object, and never when the object was decoded from that very text by
 * `fromJsonText`. So a cache entry is serialised once for the cache and the response alike, and an entry read from
 * a shared cache is sent as the bytes it was stored as.
 */
export function jsonTextOf(value: unknown): string {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  let text = texts.get(value);
  if (text === undefined) texts.set(value, (text = JSON.stringify(value)));
  return text;
}

/** The value `text` encodes, which keeps `text` as its JSON (see jsonTextOf). */
export function fromJsonText<T>(text: string): T {
  const value: unknown = JSON.parse(text);
  if (typeof value === 'object' && value !== null) texts.set(value, text);
  return value as T;
}
