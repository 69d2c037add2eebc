import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Static, TSchema } from '@sinclair/typebox';
import { appError, UnavailableError, type AppError } from '../../kernel/app-error.ts';
import type { Result } from '../../kernel/result.ts';
import type { Logger } from '../logging/logger.ts';
import type { FunctionManifest, HttpTrigger, RouteSpec } from '../runtime/manifest.ts';
import { registerFunction } from '../runtime/register-function.ts';
import { inSpan, telemetryOn } from '../telemetry/telemetry.ts';
import { edgeStateOf } from './edge.ts';
import { rememberIdentify } from './function-identities.ts';
import { errorResponse, writeResponse, type HttpRequest, type HttpResponse, type Identity } from './http-exchange.ts';
import { decodeComponent, parseQuery } from './url-decoding.ts';
import { decode } from '../schema/decode.ts';

type Decoded<S> = S extends TSchema ? Static<S> : undefined;
export type RouteHandler<R extends RouteSpec> = (
  request: HttpRequest<R['query'] extends TSchema ? Static<R['query']> : Record<string, string>, Decoded<R['body']>>,
) => Promise<Result<HttpResponse, AppError>>;
export type RouteHandlers<Routes extends Readonly<Record<string, RouteSpec>>> = { readonly [K in keyof Routes]: RouteHandler<Routes[K]> };

export interface HttpFunctionDeps {
  readonly logger: Logger;
  /** Reads the caller from the access cookie; null = anonymous. Never fails a request by itself. The edge calls it. */
  readonly identify: (request: IncomingMessage) => Promise<Identity | null>;
}

export const anonymousOnly = async (): Promise<Identity | null> => null;

/**
 * Registers an HTTP function (see registerFunction). The edge in front has matched the route, identified the
 * caller (with `deps.identify`), applied the route's access rule and read the body; here query and body are
 * checked against the route's schemas and the handler's Result is written back as JSON.
 */
export function registerHttpFunction<Routes extends Readonly<Record<string, RouteSpec>>>(
  manifest: FunctionManifest<HttpTrigger & { routes: Routes }>,
  handlers: RouteHandlers<Routes>,
  deps: HttpFunctionDeps,
): void {
  const routes: Readonly<Record<string, RouteSpec>> = manifest.trigger.routes;
  rememberIdentify(manifest.name, deps.identify);
  const handle = async (req: IncomingMessage): Promise<HttpResponse> => {
    const state = edgeStateOf(req);
    const spec = state && routes[state.routeKey];
    if (!state || !spec) return errorResponse(appError('NOT_FOUND', 'no route'));
    const query = spec.query ? decode(spec.query, parseQuery(state.search), 'query') : { ok: true as const, value: parseQuery(state.search) };
    if (!query.ok) return errorResponse(query.error);
    const body = spec.body ? decode(spec.body, state.body ?? {}, 'body') : { ok: true as const, value: undefined };
    if (!body.ok) return errorResponse(body.error);
    const params = Object.fromEntries(Object.entries(state.params).map(([name, raw]) => [name, decodeComponent(raw)]));
    const handler = handlers[state.routeKey] as RouteHandler<RouteSpec>;
    const request = {
      method: req.method ?? 'GET',
      path: state.path,
      params,
      query: query.value as Record<string, string>,
      body: body.value,
      rawBody: state.rawBody,
      bodyStream: state.bodyStream,
      headers: req.headers,
      clientIp: state.clientIp,
      identity: state.identity,
    };
    // The use case's span, inside the edge's HTTP span: `blog-publish-post publishArticle`.
    const result = telemetryOn()
      ? await inSpan(`${manifest.name} ${state.routeKey}`, { 'faas.name': manifest.name }, () => handler(request))
      : await handler(request);
    return result.ok ? result.value : errorResponse(result.error);
  };

  registerFunction(manifest, async (req: IncomingMessage, res: ServerResponse) => {
    try {
      writeResponse(res, await handle(req));
    } catch (error) {
      // A dependency a retry may find back is the caller's 503; anything else is a surprise, logged in full.
      const unavailable = error instanceof UnavailableError;
      if (unavailable) deps.logger.warn('dependency unavailable', { function: manifest.name, path: edgeStateOf(req)?.path, error: error.message });
      else deps.logger.error('unhandled error in route handler', { function: manifest.name, path: edgeStateOf(req)?.path, error });
      if (res.headersSent) res.end();
      else writeResponse(res, errorResponse(unavailable ? appError('UPSTREAM_UNAVAILABLE', error.message, 1) : appError('INTERNAL', 'internal error')));
    }
  });
}
