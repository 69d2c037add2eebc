import { articleDeleted, articlePublished, articleUnpublished } from '../../shared/events/blog-article.events.ts';
import { seoSettings } from '../../shared/seo/adapters/seo-settings.ts';
import { defaultResources, defaultScaling, type EventTrigger, type FunctionManifest } from '../../shared/platform/runtime/manifest.ts';

/** The article events that change which articles the feeds list. */
export const feedArticleEvents = [articlePublished, articleUnpublished, articleDeleted] as const;

export const manifest = {
  name: 'seo-track-articles',
  description: "Keeps the feeds' published-articles read model in step with article events and regenerates the feeds after changes, coalesced",
  trigger: { kind: 'events', topic: articlePublished.topic, types: feedArticleEvents.map((definition) => definition.type) },
  // A delivery that starts a generation holds its partition for the generation's few seconds.
  scaling: { ...defaultScaling, maxScale: 1, concurrency: 10, timeoutSeconds: 300 },
  resources: { ...defaultResources, memoryLimit: '256Mi' },
  settings: seoSettings,
} as const satisfies FunctionManifest<EventTrigger>;
