import type { IncomingMessage } from 'node:http';

/**
 * The caller's address for rate limits. Each proxy in front (Traefik, Kourier's Envoy) appends the address it
 * saw to X-Forwarded-For, so with N trusted proxies the caller is the N-th entry from the right; anything further
 * left was written by the client and proves nothing. With no trusted proxies the socket's peer is the caller.
 */
export function clientAddress(req: IncomingMessage, trustedProxyHops: number): string {
  const peer = req.socket.remoteAddress ?? '';
  if (trustedProxyHops === 0) return peer;
  const forwarded = String(req.headers['x-forwarded-for'] ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  return forwarded[forwarded.length - trustedProxyHops] ?? forwarded[0] ?? peer;
}
