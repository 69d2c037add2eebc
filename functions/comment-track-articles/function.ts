import { articleCreated, articleDeleted, articlePublished, articleRestored, articleUnpublished } from '../../shared/events/blog-article.events.ts';
import { commentReadModelSettings } from '../../shared/comment/adapters/comment-settings.ts';
import { defaultResources, defaultScaling, type EventTrigger, type FunctionManifest } from '../../shared/platform/runtime/manifest.ts';

/** The article events that change whether an article takes comments. */
export const trackedArticleEvents = [articleCreated, articlePublished, articleUnpublished, articleDeleted, articleRestored] as const;

export const manifest = {
  name: 'comment-track-articles',
  description: "Keeps the comment context's list of published articles from the blog's article events",
  trigger: { kind: 'events', topic: articlePublished.topic, types: trackedArticleEvents.map((definition) => definition.type) },
  // Versioned upserts make concurrent deliveries safe; one instance keeps up with a personal blog easily.
  scaling: { ...defaultScaling, maxScale: 1, concurrency: 10 },
  resources: defaultResources,
  settings: commentReadModelSettings,
} as const satisfies FunctionManifest<EventTrigger>;
