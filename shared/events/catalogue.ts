import { userEvents } from './auth-user.events.ts';
import { articleEvents } from './blog-article.events.ts';
import { commentEvents } from './comment-comment.events.ts';
import type { EventDefinition } from './event-definition.ts';
import { memoEvents } from './memo-memo.events.ts';

/**
 * Every event type pilog emits, in one place: the eventing YAML (topics, KafkaSource filters) is generated from it
 * and consumers look incoming types up in it. Contexts add their definitions to `eventCatalogue` below.
 */
export interface EventCatalogue {
  readonly definitions: readonly EventDefinition[];
  /** Distinct topics, in the order their first definition appears. */
  readonly topics: readonly string[];
  definitionOf(type: string): EventDefinition | undefined;
}

export function createCatalogue(definitions: readonly EventDefinition[]): EventCatalogue {
  const byType = new Map<string, EventDefinition>();
  for (const definition of definitions) {
    if (byType.has(definition.type)) throw new Error(`event type ${definition.type} is defined twice`);
    byType.set(definition.type, definition);
  }
  return {
    definitions,
    topics: [...new Set(definitions.map((definition) => definition.topic))],
    definitionOf: (type) => byType.get(type),
  };
}

export const eventCatalogue: EventCatalogue = createCatalogue([...articleEvents, ...userEvents, ...commentEvents, ...memoEvents]);
