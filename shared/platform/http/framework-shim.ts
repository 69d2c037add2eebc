import type { IncomingMessage } from 'node:http';

/**
 * What functions-framework's Express app must not see, until the request path stops going through it: the raw
 * target (its router throws URIError, answered as an HTML page, on a malformed `%`; the edge has routed on the
 * raw path already) and the framing of a body the edge hands on as a stream (its raw parser would buffer it).
 */
export function hideFromFramework(req: IncomingMessage): void {
  req.url = '/';
  if (req.readableEnded) return;
  delete req.headers['content-length'];
  delete req.headers['transfer-encoding'];
}
