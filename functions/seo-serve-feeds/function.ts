import { seoSettings } from '../../shared/seo/adapters/seo-settings.ts';
import { defaultResources, defaultScaling, type FunctionManifest, type HttpTrigger } from '../../shared/platform/runtime/manifest.ts';
import { seoRoutes } from './routes.ts';

export const manifest = {
  name: 'seo-serve-feeds',
  description: 'Serves the stored sitemap, RSS and Atom with ETag/Last-Modified (304s); regenerates on demand before the first generation and when changes are due',
  trigger: { kind: 'http', routes: seoRoutes },
  scaling: { ...defaultScaling, maxScale: 2 },
  // A request may run the (rare) on-demand generation, which holds one sitemap file of up to 50,000 URLs.
  resources: { ...defaultResources, memoryLimit: '256Mi' },
  settings: seoSettings,
} as const satisfies FunctionManifest<HttpTrigger>;
