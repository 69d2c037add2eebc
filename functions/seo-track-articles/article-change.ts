import { articlePublished } from '../../shared/events/blog-article.events.ts';
import { isEventOf } from '../../shared/platform/runtime/decode-event.ts';
import type { DeliveredEvent } from '../../shared/platform/runtime/event-function.ts';
import type { ArticleChange } from '../../shared/seo/domain/published-article.ts';
import type { feedArticleEvents } from './function.ts';

/**
 * The change an article event makes to the feeds. `changedAt` is the event's time, when the blog made the change
 * (a publish without one falls back to its `lastPublishedAt`, a withdrawal to the time it is learnt here): it dates
 * the feeds, so a replay of the same events rebuilds the same bytes.
 */
export function articleChangeOf(event: DeliveredEvent<(typeof feedArticleEvents)[number]>, receivedAt: number): ArticleChange {
  const eventTime = event.time === undefined ? Number.NaN : Date.parse(event.time);
  if (isEventOf(event, articlePublished)) {
    const { data } = event;
    const article = {
      id: data.articleId,
      title: data.title,
      body: data.body,
      createdAt: Date.parse(data.createdAt),
      publishedAt: Date.parse(data.publishedAt),
      lastPublishedAt: Date.parse(data.lastPublishedAt),
    };
    return { kind: 'published', article, version: event.aggregateVersion, changedAt: Number.isNaN(eventTime) ? article.lastPublishedAt : eventTime };
  }
  return { kind: 'withdrawn', articleId: event.data.articleId, version: event.aggregateVersion, changedAt: Number.isNaN(eventTime) ? receivedAt : eventTime };
}
