import type { ServerResponse } from 'node:http';
import type { SockJsReceiver } from './sockjs-session.ts';

/** What SockJS servers send on XHR receivers: never cached, never transformed by a proxy. */
export const xhrReceiverHeaders = {
  'Content-Type': 'application/javascript; charset=UTF-8',
  'Cache-Control': 'no-store, no-cache, no-transform, must-revalidate, max-age=0',
} as const;

/** 2 KiB of `h` first, so that browsers and proxies which buffer a response's beginning start delivering it. */
const PRELUDE = `${'h'.repeat(2048)}\n`;

/**
 * `xhr_streaming`: frames one per line on a response held open. After `limitBytes` it ends (the client opens the
 * next one), because a browser keeps a whole XHR response in memory.
 */
export function streamingReceiver(res: ServerResponse, limitBytes: number): SockJsReceiver {
  res.writeHead(200, xhrReceiverHeaders);
  res.write(PRELUDE);
  let sent = 0;
  return {
    write(frame) {
      if (res.writableEnded) return false;
      res.write(`${frame}\n`);
      sent += frame.length + 1;
      if (sent < limitBytes) return true;
      res.end();
      return false;
    },
    close() {
      if (!res.writableEnded) res.end();
    },
  };
}

/**
 * `xhr` (long polling): each response carries one frame, then ends. The headers go out at once, so a client (or a
 * proxy) waiting on a quiet session sees the poll accepted rather than a silent connection.
 */
export function pollingReceiver(res: ServerResponse): SockJsReceiver {
  res.writeHead(200, xhrReceiverHeaders);
  res.flushHeaders();
  return {
    write(frame) {
      if (!res.writableEnded) res.end(`${frame}\n`);
      return false;
    },
    close() {
      if (!res.writableEnded) res.end();
    },
  };
}
