import type { RequestListener, ServerResponse } from 'node:http';
import { appError } from '../../kernel/app-error.ts';
import { errorResponse, writeResponse } from './http-exchange.ts';

/**
 * A server's request listener through its life, attached before the port opens: while starting every request
 * gets 503 JSON with `Retry-After: 1` (a poller never hangs), then the real listener; once draining, every
 * response carries `Connection: close`, so no client sends its next request on a connection about to close.
 */
export function serverPhases() {
  let serving: RequestListener | undefined;
  let draining = false;
  // Requests whose answer has not begun: one that arrived before SIGTERM is answered after it.
  const unanswered = new Set<ServerResponse>();
  const listener: RequestListener = (req, res) => {
    if (draining) res.setHeader('Connection', 'close');
    else {
      unanswered.add(res);
      res.once('close', () => unanswered.delete(res));
    }
    if (serving) return serving(req, res);
    writeResponse(res, errorResponse(appError('UPSTREAM_UNAVAILABLE', 'the server is starting', 1)));
  };
  return {
    listener,
    serve(next: RequestListener): void {
      serving = next;
    },
    drain(): void {
      draining = true;
      for (const res of unanswered) if (!res.headersSent) res.setHeader('Connection', 'close');
    },
    get draining(): boolean {
      return draining;
    },
  };
}
