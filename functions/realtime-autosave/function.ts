import { blogWriteSettings } from '../../shared/blog/adapters/blog-settings.ts';
import { memoSettings } from '../../shared/memo/adapters/memo-settings.ts';
import { defaultResources, type FunctionManifest, type HttpTrigger, type RouteSpec } from '../../shared/platform/runtime/manifest.ts';
import { realtimeSettings } from '../../shared/realtime/adapters/realtime-settings.ts';

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

export const manifest = {
  name: 'realtime-autosave',
  description: 'The editors\' autosave channel: STOMP 1.2 over SockJS at /ws, saving article drafts and memos through the blog and memo use cases',
  trigger: { kind: 'http', routes: realtimeRoutes },
  // Every open editor holds one request (its WebSocket or XHR stream) for the connection's life, so Knative keeps
  // an instance while anyone edits and scales to zero once the last editor closes or idles out. One instance:
  // SockJS's XHR fallbacks need every request of a session on the pod holding it, which Knative cannot pin; the
  // concurrency limit counts connections, not requests per second. Knative cuts a request (a WebSocket too) at
  // timeoutSeconds, the default max-revision-timeout-seconds; idle editors are closed well before that.
  scaling: { minScale: 0, maxScale: 1, concurrency: 300, timeoutSeconds: 600 },
  // 100 editors saving every second peaked at ~195 MiB RSS (bench/realtime-load.ts): above the default 192Mi limit.
  resources: { ...defaultResources, memoryRequest: '128Mi', memoryLimit: '256Mi' },
  settings: { ...blogWriteSettings, ...memoSettings, ...realtimeSettings },
} as const satisfies FunctionManifest<HttpTrigger>;
