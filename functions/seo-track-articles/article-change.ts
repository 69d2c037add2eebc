import type { CloudEvent } from 'cloudevents';
import { articleDeleted, articlePublished, articleUnpublished } from '../../shared/events/blog-article.events.ts';
import { err, ok, type Result } from '../../shared/kernel/result.ts';
import { decodeEvent } from '../../shared/platform/runtime/decode-event.ts';
import type { ArticleChange } from '../../shared/seo/domain/published-article.ts';

/**
 * The change an article event makes to the feeds, decoded at the edge. `changedAt` is the event's time, when the
 * blog made the change (a publish without one falls back to its `lastPublishedAt`, a withdrawal to the time it is
 * learnt here): it dates the feeds, so a replay of the same events rebuilds the same bytes.
 */
export function articleChangeOf(event: CloudEvent<unknown>, receivedAt: number): Result<ArticleChange, string> {
  const eventTime = event.time === undefined ? Number.NaN : Date.parse(event.time);
  if (event.type === articlePublished.type) {
    const decoded = decodeEvent(event, [articlePublished]);
    if (!decoded.ok) return decoded;
    const { data, aggregateVersion } = decoded.value;
    const article = {
      id: data.articleId,
      title: data.title,
      body: data.body,
      createdAt: Date.parse(data.createdAt),
      publishedAt: Date.parse(data.publishedAt),
      lastPublishedAt: Date.parse(data.lastPublishedAt),
    };
    return ok({ kind: 'published', article, version: aggregateVersion, changedAt: Number.isNaN(eventTime) ? article.lastPublishedAt : eventTime });
  }
  const decoded = decodeEvent(event, [articleUnpublished, articleDeleted]);
  if (!decoded.ok) return err(decoded.error);
  const { data, aggregateVersion } = decoded.value;
  return ok({ kind: 'withdrawn', articleId: data.articleId, version: aggregateVersion, changedAt: Number.isNaN(eventTime) ? receivedAt : eventTime });
}
