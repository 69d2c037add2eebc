import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { appError, type AppError } from '../../kernel/app-error.ts';
import type { Result } from '../../kernel/result.ts';
import type { RouteSpec } from '../runtime/manifest.ts';
import { clientAddress } from './client-address.ts';
import type { Cors } from './cors.ts';
import { errorResponse, writeResponse } from './http-exchange.ts';
import { JSON_BODY_LIMIT, isJson, parseJsonBody, readBody } from './read-body.ts';
import { createRouteTable } from './route-table.ts';
import { splitTarget } from './url-decoding.ts';

export interface EdgeRoute {
  readonly functionName: string;
  readonly routeKey: string;
  readonly spec: RouteSpec;
}

/** What the edge learnt about a request, handed to the function behind it. */
export interface EdgeState {
  readonly routeKey: string;
  readonly params: Readonly<Record<string, string>>;
  readonly path: string;
  readonly search: string;
  readonly clientIp: string;
  readonly rawBody: Buffer;
  /** A malformed JSON body is reported after authentication, in the contract's order of checks. */
  readonly body: Result<unknown, AppError>;
}

const states = new WeakMap<IncomingMessage, EdgeState>();
export const edgeStateOf = (req: IncomingMessage): EdgeState | undefined => states.get(req);

/**
 * The generic front of every HTTP function, in production and in the dev host alike: CORS and preflight, route
 * matching (404/405), and the body read under the route's byte limit (413) before functions-framework's own
 * parsers, which then find the body consumed and leave it alone.
 */
export function createHttpEdge(options: {
  routes: readonly EdgeRoute[];
  cors: Cors;
  trustedProxyHops: number;
  dispatch: (functionName: string) => RequestListener;
}): RequestListener {
  const table = createRouteTable(options.routes.map((route) => [route, route.spec] as const));
  return async (req: IncomingMessage, res: ServerResponse) => {
    options.cors.decorate(req, res);
    if (req.method === 'OPTIONS') return options.cors.preflight(req, res);
    const { path, search } = splitTarget(req.url ?? '/');
    const match = table.match(req.method ?? 'GET', path);
    if (match.kind === 'not-found') return writeResponse(res, errorResponse(appError('NOT_FOUND', `no route for ${path}`)));
    if (match.kind === 'method-not-allowed') {
      res.setHeader('Allow', match.allowed.join(', '));
      return writeResponse(res, errorResponse(appError('METHOD_NOT_ALLOWED', `${req.method} is not allowed on ${path}`)));
    }
    const raw = await readBody(req, match.key.spec.bodyLimit ?? JSON_BODY_LIMIT);
    if (!raw.ok) return writeResponse(res, errorResponse(raw.error));
    const body: Result<unknown, AppError> = isJson(req) ? parseJsonBody(raw.value) : { ok: true, value: undefined };
    const clientIp = clientAddress(req, options.trustedProxyHops);
    states.set(req, { routeKey: match.key.routeKey, params: match.params, path, search, clientIp, rawBody: raw.value, body });
    options.dispatch(match.key.functionName)(req, res);
  };
}
