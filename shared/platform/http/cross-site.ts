import type { IncomingMessage } from 'node:http';
import { appError, type AppError } from '../../kernel/app-error.ts';
import type { Cors } from './cors.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** A request the browser made for the page itself, or one a person typed: not a cross-site form or fetch. */
const OWN_FETCH_SITES = new Set(['same-origin', 'none']);

/**
 * Cross-site request forgery guard: a state-changing request that carries cookies must come from an allowed
 * origin. Browsers send `Origin` on every cross-origin write; without it, `Sec-Fetch-Site` tells. A request with
 * neither is no browser's (curl, a server), and SameSite cookies are not at stake. Same-site origins (another
 * port, a sibling subdomain) are refused too: SameSite=Strict does not stop them.
 */
export function crossSiteWrite(req: IncomingMessage, cors: Cors): AppError | undefined {
  if (SAFE_METHODS.has(req.method ?? 'GET') || !req.headers.cookie) return undefined;
  const { origin } = req.headers;
  const fetchSite = req.headers['sec-fetch-site'];
  const allowed = origin !== undefined ? cors.allows(origin) : fetchSite === undefined || OWN_FETCH_SITES.has(String(fetchSite));
  return allowed ? undefined : appError('FORBIDDEN', 'cross-site requests with cookies are refused; send them from an allowed origin');
}
