/**
 * The existing frontend puts user text into URLs unencoded (§0.2): `+` stays a plus, and a malformed `%` sequence
 * is kept as written instead of failing the request.
 */
export function decodeComponent(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw.replace(/%[0-9a-fA-F]{2}/g, (escape) => {
      try {
        return decodeURIComponent(escape);
      } catch {
        return escape;
      }
    });
  }
}

/** Query string to a map; a repeated name keeps its first value. */
export function parseQuery(search: string): Record<string, string> {
  const query: Record<string, string> = {};
  for (const pair of search.replace(/^\?/, '').split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const name = decodeComponent(eq === -1 ? pair : pair.slice(0, eq));
    const value = eq === -1 ? '' : decodeComponent(pair.slice(eq + 1));
    if (!(name in query)) query[name] = value;
  }
  return query;
}

export function splitTarget(target: string): { path: string; search: string } {
  const q = target.indexOf('?');
  return q === -1 ? { path: target, search: '' } : { path: target.slice(0, q), search: target.slice(q + 1) };
}
