import { STATUS_CODES, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ErrorCode } from '../../kernel/app-error.ts';

const answers: Readonly<Record<string, { status: number; code: ErrorCode; message: string }>> = {
  HPE_HEADER_OVERFLOW: { status: 431, code: 'PAYLOAD_TOO_LARGE', message: 'request headers are too large' },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, code: 'VALIDATION_FAILED', message: 'the request took too long to arrive' },
};
const malformed = { status: 400, code: 'VALIDATION_FAILED' as const, message: 'malformed HTTP request' };

/**
 * Answers what Node's HTTP parser rejects (bad request line, bad header, oversized headers, bad chunk framing)
 * with the JSON error body instead of Node's bare status line. When a response has already begun on the
 * connection, or the client is gone, the connection is only closed: there is nobody left to answer.
 * Node still answers a few cases itself before any of our code runs: a request without `Host` (400, empty
 * body) and an `Expect` other than `100-continue` (417).
 */
export function answerClientErrorsAsJson(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex & { _httpMessage?: unknown }) => {
    if (error.code === 'ECONNRESET' || !socket.writable || socket._httpMessage) return void socket.destroy();
    const { status, code, message } = answers[error.code ?? ''] ?? malformed;
    const body = JSON.stringify({ code, message });
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}
