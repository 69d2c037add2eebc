import type { IncomingMessage, ServerResponse } from 'node:http';

export const CORS_METHODS = 'GET, POST, PUT, PATCH, DELETE, OPTIONS';

/**
 * Exact-origin CORS with credentials (contract §0.4). Every response to an allowed origin carries the headers,
 * errors included: without them a browser hides a 401 and the frontend never refreshes.
 */
export function createCors(allowedOrigins: readonly string[]) {
  const allowed = new Set(allowedOrigins);
  const originOf = (req: IncomingMessage): string | undefined => {
    const origin = req.headers.origin;
    return origin !== undefined && allowed.has(origin) ? origin : undefined;
  };
  return {
    allows: (origin: string): boolean => allowed.has(origin),
    /** Sets the headers for an allowed origin; nothing for others (the browser then blocks the response). */
    decorate(req: IncomingMessage, res: ServerResponse): void {
      res.setHeader('Vary', 'Origin');
      const origin = originOf(req);
      if (origin === undefined) return;
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Allow-Credentials', 'true');
    },
    /** Answers a preflight, before routing and authentication. */
    preflight(req: IncomingMessage, res: ServerResponse): void {
      if (originOf(req) === undefined) {
        res.statusCode = 403;
        res.setHeader('Content-Type', 'application/json; charset=utf-8');
        res.end(JSON.stringify({ code: 'FORBIDDEN', message: 'origin not allowed' }));
        return;
      }
      res.statusCode = 204;
      res.setHeader('Access-Control-Allow-Methods', CORS_METHODS);
      res.setHeader('Access-Control-Allow-Headers', req.headers['access-control-request-headers'] ?? 'content-type');
      res.setHeader('Access-Control-Max-Age', '3600');
      res.end();
    },
  };
}

export type Cors = ReturnType<typeof createCors>;
