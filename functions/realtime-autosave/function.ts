import { blogWriteSettings } from '../../shared/blog/adapters/blog-settings.ts';
import { memoSettings } from '../../shared/memo/adapters/memo-settings.ts';
import { defaultResources, type FunctionManifest, type HttpTrigger } from '../../shared/platform/runtime/manifest.ts';
import { realtimeSettings } from '../../shared/realtime/adapters/realtime-settings.ts';
import { realtimeRoutes } from './routes.ts';

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
