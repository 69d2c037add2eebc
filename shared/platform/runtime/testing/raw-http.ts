import { connect, type Socket } from 'node:net';

export interface RawResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** A connection that writes bytes as given and reads HTTP/1.1 responses off it: for what fetch cannot send. */
export interface RawConnection {
  readonly socket: Socket;
  write(text: string | Buffer): Promise<void>;
  /** The next whole response (Content-Length framed); rejects if the connection ends or fails first. */
  response(timeoutMs?: number): Promise<RawResponse>;
  /** Resolves when the server has closed the connection; with `reset` true if it was reset. */
  closed(): Promise<{ reset: boolean }>;
  destroy(): void;
}

export async function openRaw(port: number): Promise<RawConnection> {
  const socket = connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  let buffer = Buffer.alloc(0);
  let failure: Error | undefined;
  let ended = false;
  const wakers: Array<() => void> = [];
  const wake = (): void => wakers.splice(0).forEach((w) => w());
  socket.on('data', (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    wake();
  });
  socket.on('error', (error) => {
    failure = error;
    wake();
  });
  socket.on('close', () => {
    ended = true;
    wake();
  });

  const takeResponse = (): RawResponse | undefined => {
    const headEnd = buffer.indexOf('\r\n\r\n');
    if (headEnd === -1) return undefined;
    const [statusLine = '', ...lines] = buffer.subarray(0, headEnd).toString('latin1').split('\r\n');
    const headers: Record<string, string> = {};
    for (const line of lines) {
      const colon = line.indexOf(':');
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    const length = Number(headers['content-length'] ?? 0);
    if (buffer.length < headEnd + 4 + length) return undefined;
    const body = buffer.subarray(headEnd + 4, headEnd + 4 + length).toString('utf8');
    buffer = buffer.subarray(headEnd + 4 + length);
    return { status: Number(statusLine.split(' ')[1]), headers, body };
  };

  return {
    socket,
    write: (text) => new Promise((resolve, reject) => socket.write(text, (error) => (error ? reject(error) : resolve()))),
    response(timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no response in time')), timeoutMs);
        const check = (): void => {
          const response = takeResponse();
          if (response) {
            clearTimeout(timer);
            resolve(response);
          } else if (failure || ended) {
            clearTimeout(timer);
            reject(failure ?? new Error('connection closed before a response'));
          } else wakers.push(check);
        };
        check();
      });
    },
    closed() {
      return new Promise((resolve) => {
        const check = (): void => (ended ? resolve({ reset: (failure as NodeJS.ErrnoException | undefined)?.code === 'ECONNRESET' }) : void wakers.push(check));
        check();
      });
    },
    destroy: () => socket.destroy(),
  };
}

/** The head of a request as a client would write it; the body follows separately. */
export const requestHead = (method: string, path: string, headers: Readonly<Record<string, string | number>>): string =>
  `${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n${Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join('')}\r\n`;
