import { Type, type Static } from '@sinclair/typebox';
import { defineEvent } from './event-definition.ts';

/**
 * The article lifecycle as other contexts see it (topic `pilog.blog.article`, key = article id). Search, comments
 * and the SEO feeds keep read models from these; each carries enough to update a read model without calling back.
 * Every event carries the article's aggregate version in the `aggregateversion` extension: a consumer ignores an
 * event older than what it already applied.
 */
const articleId = Type.Integer({ minimum: 1, description: 'article id' });
const isoTime = Type.String({ format: 'date-time' });
export const TagSchema = Type.Object({ id: Type.Integer({ minimum: 1 }), name: Type.String({ minLength: 1, maxLength: 20 }) });
export type TagData = Static<typeof TagSchema>;

const byArticle = (data: { articleId: number }) => String(data.articleId);
const article = { context: 'blog', aggregate: 'article', version: 1, aggregateId: byArticle } as const;

export const articleCreated = defineEvent({ ...article, event: 'created', data: Type.Object({ articleId, createdAt: isoTime }) });

export const articleDraftSaved = defineEvent({ ...article, event: 'draft-saved', data: Type.Object({ articleId }) });

/** The published copy and its times, as search and the feeds show an article. */
const publishedCopy = {
  title: Type.String({ maxLength: 100 }),
  body: Type.String(),
  thumbnailUrl: Type.String(),
  createdAt: isoTime,
  publishedAt: isoTime,
  lastPublishedAt: isoTime,
};

/** Publish and republish: the whole published copy, so a read model is rebuilt from this one event. */
export const articlePublished = defineEvent({
  ...article,
  event: 'published',
  data: Type.Object({ articleId, ...publishedCopy, tags: Type.Array(TagSchema) }),
});

export const articleUnpublished = defineEvent({ ...article, event: 'unpublished', data: Type.Object({ articleId }) });

export const articleDeleted = defineEvent({ ...article, event: 'deleted', data: Type.Object({ articleId }) });

export const articleRestored = defineEvent({ ...article, event: 'restored', data: Type.Object({ articleId }) });

/**
 * Tag changes carry the article's whole tag list after the change and whether it is published. On a published
 * article they also carry its published copy, so a tag change alone is a complete new version of the published
 * document: a read model that writes whole documents under the aggregate version (search) never has to merge a
 * tag change into a copy it may not have received yet.
 */
const tagChangeOf = { articleId, tag: TagSchema, tags: Type.Array(TagSchema) };
const tagChange = Type.Union([
  Type.Object({ ...tagChangeOf, published: Type.Literal(true), publishedCopy: Type.Object(publishedCopy) }),
  Type.Object({ ...tagChangeOf, published: Type.Literal(false) }),
]);
export const articleTagged = defineEvent({ ...article, event: 'tagged', data: tagChange });
export const articleUntagged = defineEvent({ ...article, event: 'untagged', data: tagChange });

export const articleEvents = [
  articleCreated,
  articleDraftSaved,
  articlePublished,
  articleUnpublished,
  articleDeleted,
  articleRestored,
  articleTagged,
  articleUntagged,
] as const;
