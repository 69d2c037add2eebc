/**
 * Just enough of a browser for tests: a cookie jar per site, fed by `Set-Cookie` and sent back by path, and
 * manual redirects. Node's fetch keeps no cookies, which is what lets a test look at every attribute.
 */
export interface StoredCookie {
  readonly name: string;
  readonly value: string;
  readonly attributes: Readonly<Record<string, string>>;
}

export function parseSetCookie(header: string): StoredCookie {
  const [pair = '', ...rest] = header.split(';');
  const eq = pair.indexOf('=');
  const attributes: Record<string, string> = {};
  for (const part of rest) {
    const [key = '', ...value] = part.trim().split('=');
    attributes[key.toLowerCase()] = value.join('=');
  }
  return { name: pair.slice(0, eq).trim(), value: pair.slice(eq + 1).trim(), attributes };
}

/** The cookies a response sets, by name. */
export const setCookies = (response: Response): Map<string, StoredCookie> =>
  new Map(response.headers.getSetCookie().map((header) => parseSetCookie(header)).map((cookie) => [cookie.name, cookie]));

export class CookieJar {
  readonly #cookies = new Map<string, StoredCookie>();

  store(response: Response): void {
    for (const cookie of setCookies(response).values()) {
      const key = `${cookie.name};${cookie.attributes.path ?? '/'}`;
      const expired = cookie.attributes['max-age'] === '0' || (cookie.attributes.expires !== undefined && Date.parse(cookie.attributes.expires) <= Date.now());
      if (expired || cookie.value === '') this.#cookies.delete(key);
      else this.#cookies.set(key, cookie);
    }
  }

  /** The Cookie header for a path: longest path first, as browsers send it. */
  headerFor(path: string): string {
    return [...this.#cookies.values()]
      .filter((cookie) => {
        const scope = cookie.attributes.path ?? '/';
        return path === scope || path.startsWith(scope.endsWith('/') ? scope : `${scope}/`);
      })
      .sort((a, b) => (b.attributes.path ?? '/').length - (a.attributes.path ?? '/').length)
      .map((cookie) => `${cookie.name}=${cookie.value}`)
      .join('; ');
  }

  get(name: string): StoredCookie | undefined {
    return [...this.#cookies.values()].find((cookie) => cookie.name === name);
  }
}

/** A request from the browser, sending the jar's cookies for the URL's path and keeping what it sets. */
export async function browse(jar: CookieJar, url: string, init: RequestInit = {}): Promise<Response> {
  const target = new URL(url);
  const cookie = jar.headerFor(target.pathname);
  const response = await fetch(target, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), ...(cookie ? { cookie } : {}) } });
  jar.store(response);
  return response;
}

/** A browser-like call of the API at `base`: the frontend's Origin, the jar's cookies, a JSON body when given. */
export const apiCall =
  (jar: CookieJar, base: string, origin: string) =>
  (method: string, path: string, body?: unknown): Promise<Response> =>
    browse(jar, `${base}${path}`, {
      method,
      headers: { origin, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
