import type { Static } from '@sinclair/typebox';
import { articleDeleted, articlePublished, articleTagged, articleUnpublished, articleUntagged } from '../../events/blog-article.events.ts';
import type { EventDefinition } from '../../events/event-definition.ts';
import { searchDocument, type SearchEntry } from './search-entry.ts';

/** The article events that change what search shows; the others (created, draft saved, restored) never do. */
export const indexedArticleEvents = [articlePublished, articleUnpublished, articleDeleted, articleTagged, articleUntagged] as const;

type TagChange = Static<typeof articleTagged.data>;

/**
 * The entry an article event stands for, each complete on its own, so applying one never needs another:
 * published → the document; unpublished or deleted → a tombstone; a tag change of a published article → the
 * document with its new tags (the event carries the published copy). A tag change while unpublished changes
 * nothing searchable: `undefined`. `data` has been checked against the definition's schema at the edge.
 */
export function entryOfArticleEvent(definition: EventDefinition, data: unknown, version: number): SearchEntry | undefined {
  if (definition === articlePublished) {
    const published = data as Static<typeof articlePublished.data>;
    return { articleId: published.articleId, version, document: searchDocument(published) };
  }
  if (definition === articleUnpublished || definition === articleDeleted) {
    return { articleId: (data as { articleId: number }).articleId, version, document: null };
  }
  if (definition === articleTagged || definition === articleUntagged) {
    const change = data as TagChange;
    if (!change.published) return undefined;
    return { articleId: change.articleId, version, document: searchDocument({ articleId: change.articleId, ...change.publishedCopy, tags: change.tags }) };
  }
  return undefined;
}
