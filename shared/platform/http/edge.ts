import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { PassThrough, pipeline, type Readable } from 'node:stream';
import { appError, type AppError } from '../../kernel/app-error.ts';
import { createLogger, type Logger } from '../logging/logger.ts';
import type { RouteSpec } from '../runtime/manifest.ts';
import { ignoreRoute, traceHttpRequest, type RouteNoter } from '../telemetry/http-server-span.ts';
import { telemetryOn } from '../telemetry/telemetry.ts';
import { clientAddress } from './client-address.ts';
import type { Cors } from './cors.ts';
import { crossSiteWrite } from './cross-site.ts';
import { identifyOf } from './function-identities.ts';
import { errorResponse, writeResponse, type Identity } from './http-exchange.ts';
import { bodySource, byteLimit, declaredTooLarge, JSON_BODY_LIMIT, parseJsonBody, readBody, unacceptedContentType } from './read-body.ts';
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
  readonly identity: Identity | null;
  /** The body as read (JSON and text routes); empty for a multipart route, whose body is `bodyStream`. */
  readonly rawBody: Buffer;
  /** The parsed JSON body of a JSON route; undefined for no body. */
  readonly body: unknown;
  /** The body still streaming, under the route's byte limit (multipart routes). */
  readonly bodyStream: Readable;
}

const states = new WeakMap<IncomingMessage, EdgeState>();
export const edgeStateOf = (req: IncomingMessage): EdgeState | undefined => states.get(req);

function accessDenied(spec: RouteSpec, identity: Identity | null): AppError | undefined {
  if (spec.access === 'public' || spec.access === 'session') return undefined;
  if (identity === null) return appError('UNAUTHENTICATED', 'sign-in required');
  if (spec.access === 'admin' && !identity.roles.includes('ADMIN')) return appError('FORBIDDEN', 'administrator role required');
  return undefined;
}

const emptyStream = (): Readable => new PassThrough().end();

/**
 * The generic front of every HTTP function, in production and in the dev host alike, in the contract's order of
 * checks: CORS and preflight, route (404/405), cross-site writes (403), identity and access (401/403), declared
 * size (413), content type (415), then the body, read under the route's limit (413) and parsed (400). A body is
 * never read for a caller who may not send it; an upload is handed on as a stream. Nothing a client sends, cuts
 * short or breaks can reject out of here: a surprise is logged and answered 500. With telemetry on, each request
 * is an HTTP server span named after its route template, and its duration is recorded.
 */
export function createHttpEdge(options: {
  routes: readonly EdgeRoute[];
  cors: Cors;
  trustedProxyHops: number;
  dispatch: (functionName: string) => RequestListener;
  logger?: Logger;
}): RequestListener {
  const table = createRouteTable(options.routes.map((route) => [route, route.spec] as const));
  const logger = options.logger ?? createLogger();

  const serve = async (req: IncomingMessage, res: ServerResponse, routed: RouteNoter): Promise<void> => {
    options.cors.decorate(req, res);
    if (req.method === 'OPTIONS') return options.cors.preflight(req, res);
    const { path, search } = splitTarget(req.url ?? '/');
    const match = table.match(req.method ?? 'GET', path);
    if (match.kind === 'not-found') return writeResponse(res, errorResponse(appError('NOT_FOUND', `no route for ${path}`)));
    if (match.kind === 'method-not-allowed') {
      res.setHeader('Allow', match.allowed.join(', '));
      return writeResponse(res, errorResponse(appError('METHOD_NOT_ALLOWED', `${req.method} is not allowed on ${path}`)));
    }
    const { spec, functionName, routeKey } = match.key;
    routed(spec.path, functionName);
    const refused = crossSiteWrite(req, options.cors);
    if (refused) return writeResponse(res, errorResponse(refused));
    const identity = spec.access === 'session' ? null : ((await identifyOf(functionName)?.(req)) ?? null);
    const limit = spec.bodyLimit ?? JSON_BODY_LIMIT;
    const accepts = spec.accepts ?? 'json';
    const early = accessDenied(spec, identity) ?? declaredTooLarge(req, limit) ?? unacceptedContentType(req, accepts);
    if (early) return writeResponse(res, errorResponse(early));

    let rawBody: Buffer = Buffer.alloc(0);
    let body: unknown;
    let bodyStream = emptyStream();
    if (accepts === 'multipart') {
      bodyStream = pipeline(bodySource(req), byteLimit(limit), new PassThrough(), () => {});
    } else {
      const read = await readBody(req, limit);
      if (!read.ok) return writeResponse(res, errorResponse(read.error));
      rawBody = read.value;
      if (accepts === 'json') {
        const parsed = parseJsonBody(rawBody);
        if (!parsed.ok) return writeResponse(res, errorResponse(parsed.error));
        body = parsed.value;
      }
    }
    const clientIp = clientAddress(req, options.trustedProxyHops);
    states.set(req, { routeKey, params: match.params, path, search, clientIp, identity, rawBody, body, bodyStream });
    options.dispatch(functionName)(req, res);
  };

  return (req, res) => {
    const served = telemetryOn() ? traceHttpRequest(req, res, (routed) => serve(req, res, routed)) : serve(req, res, ignoreRoute);
    served.catch((error: unknown) => {
      logger.error('unhandled error in the HTTP edge', { path: splitTarget(req.url ?? '/').path, error });
      if (res.headersSent) res.destroy();
      else writeResponse(res, errorResponse(appError('INTERNAL', 'internal error')));
    });
  };
}
