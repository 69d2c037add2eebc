import { createServer, request, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface BrowserProxy {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Stands in for the browser's networking in front of sockjs-client's XHR transports, which in Node take no headers
 * from the page: every request is forwarded to `target` with the Origin and Cookie a browser would add, and the
 * response streamed back as it arrives (xhr_streaming reads it line by line).
 */
export async function startBrowserProxy(target: string, headers: () => Readonly<Record<string, string>>): Promise<BrowserProxy> {
  const upstream = new URL(target);
  const server = createServer((req, res) => {
    const forwarded: IncomingHttpHeaders = { ...req.headers, host: upstream.host, ...headers() };
    const outgoing = request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: forwarded }, (incoming) => {
      res.writeHead(incoming.statusCode ?? 502, incoming.headers);
      incoming.pipe(res);
    });
    outgoing.on('error', () => res.destroy());
    // A receiver the client abandons is abandoned upstream too, as a closing tab would.
    res.on('close', () => outgoing.destroy());
    req.pipe(outgoing);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
