import { defaultResources, defaultScaling, type FunctionManifest, type HttpTrigger, type RouteSpec } from '../../shared/platform/runtime/manifest.ts';
import { seoSettings } from '../../shared/seo/adapters/seo-settings.ts';

/** The SEO routes of contract §4: public XML, no cookies needed. */
export const seoRoutes = {
  sitemap: { method: 'GET', path: '/api/seo/sitemap', access: 'public', summary: 'The sitemap: a urlset up to 50,000 URLs, beyond that a sitemapindex of numbered files' },
  sitemapFile: { method: 'GET', path: '/api/seo/sitemap/{n}', access: 'public', summary: 'Numbered sitemap file n (1-based, 50,000 URLs each, the home page in file 1); 404 out of range' },
  rss: { method: 'GET', path: '/api/seo/rss', access: 'public', summary: 'RSS 2.0 feed of the newest published articles' },
  atom: { method: 'GET', path: '/api/seo/atom', access: 'public', summary: 'Atom 1.0 feed of the newest published articles' },
} as const satisfies Readonly<Record<string, RouteSpec>>;

export const manifest = {
  name: 'seo-serve-feeds',
  description: 'Serves the stored sitemap, RSS and Atom with ETag/Last-Modified (304s); regenerates on demand before the first generation and when changes are due',
  trigger: { kind: 'http', routes: seoRoutes },
  scaling: { ...defaultScaling, maxScale: 2 },
  // A request may run the (rare) on-demand generation, which holds one sitemap file of up to 50,000 URLs.
  resources: { ...defaultResources, memoryLimit: '256Mi' },
  settings: seoSettings,
} as const satisfies FunctionManifest<HttpTrigger>;
