/** A published article as the search index holds it: its published copy, tags and times (ISO-8601). */
export interface SearchDocument {
  readonly articleId: number;
  readonly title: string;
  readonly body: string;
  readonly thumbnailUrl: string;
  readonly tags: ReadonlyArray<{ readonly id: number; readonly name: string }>;
  readonly createdAt: string;
  readonly publishedAt: string;
  readonly lastPublishedAt: string;
}

/**
 * The index's entry for one article at one aggregate version: its document while published, a tombstone (`null`)
 * once unpublished or deleted. Entries replace each other only upwards in version, so a replayed or late event
 * never regresses an article, and a tombstone keeps a late "published" from bringing an article back.
 */
export interface SearchEntry {
  readonly articleId: number;
  readonly version: number;
  readonly document: SearchDocument | null;
}

/** Builds a document field by field, so an event and a rebuild from the database produce identical ones. */
export const searchDocument = (fields: SearchDocument): SearchDocument => ({
  articleId: fields.articleId,
  title: fields.title,
  body: fields.body,
  thumbnailUrl: fields.thumbnailUrl,
  tags: fields.tags.map((tag) => ({ id: tag.id, name: tag.name })),
  createdAt: fields.createdAt,
  publishedAt: fields.publishedAt,
  lastPublishedAt: fields.lastPublishedAt,
});
