import { blogWriteSettings } from '../../shared/blog/adapters/blog-settings.ts';
import { defaultResources, defaultScaling, type FunctionManifest, type HttpTrigger } from '../../shared/platform/runtime/manifest.ts';
import { publishRoutes } from './routes.ts';

export const manifest = {
  name: 'blog-publish-post',
  description: 'Creates articles, saves drafts, tags, publishes, unpublishes, deletes and restores them; every change with its events through the outbox',
  trigger: { kind: 'http', routes: publishRoutes },
  // One author writes: a single instance is plenty, and scale to zero between writing sessions.
  scaling: { ...defaultScaling, maxScale: 1 },
  resources: defaultResources,
  settings: blogWriteSettings,
} as const satisfies FunctionManifest<HttpTrigger>;
