import { blogReadSettings } from '../../shared/blog/adapters/blog-settings.ts';
import { searchSettings } from '../../shared/search/adapters/search-settings.ts';
import { defaultResources, defaultScaling, type FunctionManifest, type HttpTrigger } from '../../shared/platform/runtime/manifest.ts';
import { readRoutes } from './routes.ts';

export const manifest = {
  name: 'blog-read-articles',
  description: 'Public article lists (page, tag, keyword search), article detail and top tags; ADMIN draft reads; cached',
  trigger: { kind: 'http', routes: readRoutes },
  // The frontend's server-side renders hit these on every page view.
  scaling: { ...defaultScaling, maxScale: 3, concurrency: 100 },
  resources: defaultResources,
  settings: { ...blogReadSettings, ...searchSettings },
} as const satisfies FunctionManifest<HttpTrigger>;
