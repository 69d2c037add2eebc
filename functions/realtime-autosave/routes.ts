import type { RouteSpec } from '../../shared/platform/runtime/manifest.ts';

/**
 * The SockJS endpoint's HTTP side (contract §3.1). The WebSocket itself arrives as an upgrade of the `websocket`
 * route's URL, outside the edge; a plain GET there is answered like SockJS answers it. The gateway routes all of
 * `/ws` here by prefix. Who may connect is checked per transport (origin 403, then cookie 401).
 */
export const realtimeRoutes = {
  info: {
    method: 'GET',
    path: '/ws/info',
    access: 'public',
    summary: 'SockJS handshake: {websocket: true, origins, cookie_needed: false, entropy}, never cached',
  },
  websocket: {
    method: 'GET',
    path: '/ws/{server}/{session}/websocket',
    access: 'session',
    summary: 'WebSocket transport (HTTP upgrade; Origin on PILOG_CORS_ORIGINS, access cookie required). Without an upgrade: 400',
  },
  xhrStreaming: {
    method: 'POST',
    path: '/ws/{server}/{session}/xhr_streaming',
    access: 'session',
    summary: 'XHR streaming receiver: SockJS frames one per line on a held response (ends after 128 KiB; the client reopens)',
  },
  xhrPolling: {
    method: 'POST',
    path: '/ws/{server}/{session}/xhr',
    access: 'session',
    summary: 'XHR polling receiver: one SockJS frame per response',
  },
  xhrSend: {
    method: 'POST',
    path: '/ws/{server}/{session}/xhr_send',
    access: 'session',
    summary: 'Client messages of an XHR session: a JSON array of strings, each holding STOMP frames; 204',
    accepts: 'text',
    bodyLimit: 8 * 1024 * 1024,
  },
} as const satisfies Readonly<Record<string, RouteSpec>>;
