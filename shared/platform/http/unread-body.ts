import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** Up to this much of a refused body is cheaper to read and drop than a new connection for the client. */
const SMALL_BODY = 64 * 1024;
/** How long a client that has its answer may keep the connection before it is cut. */
const LINGER_MS = 5_000;

const largeBodyPending = (req: IncomingMessage): boolean =>
  !req.complete && (req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > SMALL_BODY);

/**
 * An answer given before a large body has arrived (401 to an anonymous upload, 413, 415) closes the connection
 * instead of draining the body. The response says `Connection: close`; once it is sent the socket is half-closed
 * and no longer read, so the rest of the body stays in the kernel's buffers, never in this process. HTTP clients
 * (fetch, curl, browsers) stop sending once they hold a complete answer and close; one that does not is cut after
 * a short linger. Without this, Node reads and drops the rest of every refused body.
 */
export function refuseUnreadBody(res: ServerResponse): void {
  const req = res.req as IncomingMessage | undefined;
  if (!req || res.headersSent || !largeBodyPending(req)) return;
  res.setHeader('Connection', 'close');
  const socket = req.socket as Socket & { destroySoon?: () => void };
  // Node destroys a closing socket as soon as its answer is written; with unread bytes still queued, that close
  // is a TCP reset, which can reach the client before the answer does. A half-close lets the answer arrive.
  socket.destroySoon = () => socket.end();
  res.once('finish', () => {
    // Node resumes an unread request when its response finishes; pausing after that keeps the rest unread.
    setImmediate(() => {
      req.pause();
      socket.pause();
    });
    setTimeout(() => socket.destroy(), LINGER_MS).unref();
  });
}
