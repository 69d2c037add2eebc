import type { Request, Response } from '@google-cloud/functions-framework';
import * as functions from '@google-cloud/functions-framework';
import type { Static, TSchema } from '@sinclair/typebox';
import { appError, type AppError } from '../../kernel/app-error.ts';
import type { Result } from '../../kernel/result.ts';
import type { Logger } from '../logging/logger.ts';
import type { FunctionManifest, HttpTrigger, RouteSpec } from '../runtime/manifest.ts';
import { edgeStateOf } from './edge.ts';
import { errorResponse, writeResponse, type HttpRequest, type HttpResponse, type Identity } from './http-exchange.ts';
import { decodeComponent, parseQuery } from './url-decoding.ts';
import { decode } from './validation.ts';

type Decoded<S> = S extends TSchema ? Static<S> : undefined;
export type RouteHandler<R extends RouteSpec> = (
  request: HttpRequest<R['query'] extends TSchema ? Static<R['query']> : Record<string, string>, Decoded<R['body']>>,
) => Promise<Result<HttpResponse, AppError>>;
export type RouteHandlers<Routes extends Readonly<Record<string, RouteSpec>>> = { readonly [K in keyof Routes]: RouteHandler<Routes[K]> };

export interface HttpFunctionDeps {
  readonly logger: Logger;
  /** Reads the caller from the access cookie; null = anonymous. Never fails a request by itself. */
  readonly identify: (request: Request) => Promise<Identity | null>;
}

export const anonymousOnly = async (): Promise<Identity | null> => null;

function checkAccess(spec: RouteSpec, identity: Identity | null): AppError | undefined {
  if (spec.access === 'public') return undefined;
  if (identity === null) return appError('UNAUTHENTICATED', 'sign-in required');
  if (spec.access === 'admin' && !identity.roles.includes('ADMIN')) return appError('FORBIDDEN', 'administrator role required');
  return undefined;
}

/**
 * Registers an HTTP function with functions-framework. The edge in front has matched the route and read the
 * body; here the caller is identified, the route's access rule applied, query and body checked against the
 * route's schemas, and the handler's Result written back as JSON.
 */
export function registerHttpFunction<Routes extends Readonly<Record<string, RouteSpec>>>(
  manifest: FunctionManifest<HttpTrigger & { routes: Routes }>,
  handlers: RouteHandlers<Routes>,
  deps: HttpFunctionDeps,
): void {
  const routes: Readonly<Record<string, RouteSpec>> = manifest.trigger.routes;
  const handle = async (req: Request): Promise<HttpResponse> => {
    const state = edgeStateOf(req);
    const spec = state && routes[state.routeKey];
    if (!state || !spec) return errorResponse(appError('NOT_FOUND', 'no route'));
    const identity = await deps.identify(req);
    const denied = checkAccess(spec, identity);
    if (denied) return errorResponse(denied);
    if (!state.body.ok) return errorResponse(state.body.error);
    const query = spec.query ? decode(spec.query, parseQuery(state.search), 'query') : { ok: true as const, value: parseQuery(state.search) };
    if (!query.ok) return errorResponse(query.error);
    const body = spec.body ? decode(spec.body, state.body.value ?? {}, 'body') : { ok: true as const, value: undefined };
    if (!body.ok) return errorResponse(body.error);
    const params = Object.fromEntries(Object.entries(state.params).map(([name, raw]) => [name, decodeComponent(raw)]));
    const handler = handlers[state.routeKey] as RouteHandler<RouteSpec>;
    const result = await handler({
      method: req.method,
      path: state.path,
      params,
      query: query.value as Record<string, string>,
      body: body.value,
      rawBody: state.rawBody,
      headers: req.headers,
      clientIp: state.clientIp,
      identity,
    });
    return result.ok ? result.value : errorResponse(result.error);
  };

  functions.http(manifest.name, async (req: Request, res: Response) => {
    try {
      writeResponse(res, await handle(req));
    } catch (error) {
      deps.logger.error('unhandled error in route handler', { function: manifest.name, path: req.path, error });
      if (!res.headersSent) writeResponse(res, errorResponse(appError('INTERNAL', 'internal error')));
      else res.end();
    }
  });
}
