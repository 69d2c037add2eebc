import type { AppError } from '../../kernel/app-error.ts';
import { ok, type Result } from '../../kernel/result.ts';
import type { EventDefinition } from '../../events/event-definition.ts';
import { entryOfArticleEvent } from '../domain/article-event-entry.ts';
import type { SearchIndex } from '../ports/search-index.port.ts';

/**
 * Keeps the index in step with one article event (already decoded and checked at the edge). Idempotent and
 * order-proof: the entry is written under the event's aggregate version, which the index compares.
 */
export async function indexArticleEvent(
  index: SearchIndex,
  event: { readonly definition: EventDefinition; readonly data: unknown; readonly aggregateVersion: number },
): Promise<Result<'indexed' | 'ignored', AppError>> {
  const entry = entryOfArticleEvent(event.definition, event.data, event.aggregateVersion);
  if (entry === undefined) return ok('ignored');
  const written = await index.write([entry]);
  return written.ok ? ok('indexed') : written;
}
