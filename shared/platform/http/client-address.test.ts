import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientAddress } from './client-address.ts';

const request = (forwardedFor: string | undefined, peer = '10.42.0.7') =>
  ({ headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor }, socket: { remoteAddress: peer } }) as unknown as IncomingMessage;

describe('clientAddress', () => {
  it('uses the socket peer when no proxy is trusted, whatever the client claims', () => {
    expect(clientAddress(request('1.2.3.4'), 0)).toBe('10.42.0.7');
  });

  it('takes the entry the trusted proxies wrote, not a spoofed leftmost one', () => {
    expect(clientAddress(request('6.6.6.6, 203.0.113.9, 10.42.0.3'), 2)).toBe('203.0.113.9');
    expect(clientAddress(request('203.0.113.9'), 1)).toBe('203.0.113.9');
  });

  it('falls back to the leftmost entry when there are fewer entries than hops, and to the peer without the header', () => {
    expect(clientAddress(request('203.0.113.9'), 2)).toBe('203.0.113.9');
    expect(clientAddress(request(undefined), 2)).toBe('10.42.0.7');
  });
});
