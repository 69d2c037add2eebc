import { seoSettings } from '../../shared/seo/adapters/seo-settings.ts';
import { defaultResources, defaultScaling, type CronTrigger, type FunctionManifest } from '../../shared/platform/runtime/manifest.ts';

export const manifest = {
  name: 'seo-generate-feeds',
  description: 'Rebuilds the sitemap (index and files), RSS and Atom from the published articles and stores them, every 15 minutes',
  // The safety net: seo-track-articles and seo-serve-feeds regenerate within the coalescing window after a change.
  trigger: { kind: 'cron', schedule: '*/15 * * * *' },
  // One generation at a time anyway (a lease in the database); 100,000 articles take seconds, not minutes.
  scaling: { ...defaultScaling, maxScale: 1, concurrency: 1, timeoutSeconds: 300 },
  resources: { ...defaultResources, memoryLimit: '256Mi' },
  settings: seoSettings,
} as const satisfies FunctionManifest<CronTrigger>;
