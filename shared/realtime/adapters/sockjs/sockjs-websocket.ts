import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import type { AppError } from '../../../kernel/app-error.ts';
import { errorStatus } from '../../../platform/http/error-status.ts';
import type { SockJsReceiver } from './sockjs-session.ts';

/** Close codes a WebSocket close frame may carry (RFC 6455 §7.4); SockJS's own (2010) travel only in `c[...]`. */
const sendableCode = (code: number): number => ([1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011].includes(code) || (code >= 3000 && code <= 4999) ? code : 1000);

/** The WebSocket carries every frame of its session, from `o` to `c[...]`, and closes with the same code. */
export function webSocketReceiver(ws: WebSocket): SockJsReceiver {
  return {
    write(frame) {
      ws.send(frame);
      return true;
    },
    close(code, reason) {
      ws.close(sendableCode(code), reason);
    },
  };
}

/** Answers a handshake with an HTTP error (the contract's JSON body) instead of upgrading, and hangs up. */
export function refuseUpgrade(socket: Duplex, error: AppError): void {
  const status = errorStatus[error.code];
  const body = JSON.stringify({ code: error.code, message: error.message });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
