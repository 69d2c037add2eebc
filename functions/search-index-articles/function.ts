import { searchSettings } from '../../shared/search/adapters/search-settings.ts';
import { indexedArticleEvents } from '../../shared/search/domain/article-event-entry.ts';
import { defaultResources, defaultScaling, type EventTrigger, type FunctionManifest } from '../../shared/platform/runtime/manifest.ts';

export const manifest = {
  name: 'search-index-articles',
  description: 'Keeps the search index (OpenSearch, or SQLite FTS5 embedded) in step with published articles, from the article events',
  trigger: { kind: 'events', topic: 'pilog.blog.article', types: indexedArticleEvents.map((definition) => definition.type) },
  scaling: { ...defaultScaling, maxScale: 1, concurrency: 10 },
  resources: defaultResources,
  settings: searchSettings,
} as const satisfies FunctionManifest<EventTrigger>;
