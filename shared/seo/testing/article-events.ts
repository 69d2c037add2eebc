import { CloudEvent, HTTP } from 'cloudevents';
import { articleDeleted, articlePublished, articleUnpublished } from '../../events/blog-article.events.ts';
import type { EventDefinition } from '../../events/event-definition.ts';
import type { PublishedArticle } from '../domain/published-article.ts';

/**
 * Article events exactly as the blog context raises them (shared/events/blog-article.events.ts), for delivering to
 * the SEO consumer without the blog: appended to the outbox as the blog does, or as a KafkaSource POSTs them.
 */
export const publishedData = (article: PublishedArticle) => ({
  articleId: article.id,
  title: article.title,
  body: article.body,
  thumbnailUrl: `https://media.example/${article.id}.png`,
  tags: [{ id: 1, name: 'kotlin' }],
  createdAt: new Date(article.createdAt).toISOString(),
  publishedAt: new Date(article.publishedAt).toISOString(),
  lastPublishedAt: new Date(article.lastPublishedAt).toISOString(),
});

export interface ArticleEventSpec {
  readonly definition: EventDefinition;
  readonly data: unknown;
  readonly version: number;
  /** When the blog made the change, epoch ms. */
  readonly time: number;
}

export const publishedEvent = (article: PublishedArticle, version: number, time = article.lastPublishedAt): ArticleEventSpec => ({
  definition: articlePublished,
  data: publishedData(article),
  version,
  time,
});
export const unpublishedEvent = (articleId: number, version: number, time: number): ArticleEventSpec => ({ definition: articleUnpublished, data: { articleId }, version, time });
export const deletedEvent = (articleId: number, version: number, time: number): ArticleEventSpec => ({ definition: articleDeleted, data: { articleId }, version, time });

const keyOf = (spec: ArticleEventSpec): string => String((spec.data as { articleId: number }).articleId);

/** POSTs the event in CloudEvents binary mode, as a KafkaSource delivers it; answers the function's response. */
export function deliverArticleEvent(url: string, spec: ArticleEventSpec, extensions: Readonly<Record<string, string>> = { aggregateversion: String(spec.version) }): Promise<Response> {
  const event = new CloudEvent({
    id: crypto.randomUUID(),
    type: spec.definition.type,
    source: spec.definition.source,
    time: new Date(spec.time).toISOString(),
    subject: keyOf(spec),
    datacontenttype: 'application/json',
    data: spec.data,
    ...extensions,
  });
  const message = HTTP.binary(event);
  return fetch(url, { method: 'POST', headers: message.headers as Record<string, string>, body: message.body as string });
}
