import type { IncomingHttpHeaders } from 'node:http';

export type SameSite = 'Strict' | 'Lax' | 'None';

export interface CookieAttributes {
  readonly path: string;
  /** Seconds; 0 clears the cookie. */
  readonly maxAge: number;
  readonly httpOnly: boolean;
  readonly secure: boolean;
  readonly sameSite: SameSite;
  /** Empty = host-only. */
  readonly domain: string;
}

const NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const VALUE = /^[!#-+\--:<-[\]-~]*$/;

/** One `Set-Cookie` value. Names and values are checked, never escaped: ours are JWTs and base64url. */
export function serializeCookie(name: string, value: string, attributes: CookieAttributes): string {
  if (!NAME.test(name)) throw new TypeError(`invalid cookie name ${JSON.stringify(name)}`);
  if (!VALUE.test(value)) throw new TypeError(`invalid value for cookie ${name}`);
  const parts = [`${name}=${value}`, `Path=${attributes.path}`, `Max-Age=${Math.max(0, Math.floor(attributes.maxAge))}`];
  if (attributes.domain !== '') parts.push(`Domain=${attributes.domain}`);
  if (attributes.httpOnly) parts.push('HttpOnly');
  if (attributes.secure) parts.push('Secure');
  parts.push(`SameSite=${attributes.sameSite}`);
  return parts.join('; ');
}

/** Clearing = same name, Path and Domain, empty value, `Max-Age=0` (contract §0.5). */
export const clearCookie = (name: string, attributes: CookieAttributes): string => serializeCookie(name, '', { ...attributes, maxAge: 0 });

/**
 * The `Cookie` request header as a map. A name sent twice keeps its first value: browsers send the cookie with
 * the longest matching path first, which is the one meant for this path.
 */
export function parseCookies(header: string | undefined): Readonly<Record<string, string>> {
  const cookies: Record<string, string> = {};
  if (!header) return cookies;
  for (const pair of header.split(';')) {
    const eq = pair.indexOf('=');
    if (eq === -1) continue;
    const name = pair.slice(0, eq).trim();
    let value = pair.slice(eq + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    if (name !== '' && !(name in cookies)) cookies[name] = value;
  }
  return cookies;
}

export const cookieOf = (headers: IncomingHttpHeaders, name: string): string | undefined => {
  const value = parseCookies(headers.cookie)[name];
  return value === undefined || value === '' ? undefined : value;
};
