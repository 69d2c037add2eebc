import { FormatRegistry, type Static, type TSchema } from '@sinclair/typebox';

/**
 * TypeBox checks `format` only against formats it has been taught, and refuses every value of an unknown one. Event
 * schemas stamp times as `format: 'date-time'` (RFC 3339, what `isoTimestamp` writes); every event file defines its
 * events here, so the format is registered before any of their schemas is used.
 */
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/i;

if (!FormatRegistry.Has('date-time')) {
  FormatRegistry.Set('date-time', (value) => RFC3339.test(value) && !Number.isNaN(Date.parse(value)));
}

/**
 * One kind of event pilog emits, with everything the wire needs: the CloudEvent `type` and `source`, the Kafka
 * topic, the schema of `data`, and how to read the aggregate id (the partition key) from it.
 *
 * Type, source, topic and aggregate type are derived from four names rather than written out, so every entry obeys
 * the same conventions by construction:
 *   type      pilog.<context>.<aggregate>.<event>.v<version>   (a breaking change of `data` is a new version)
 *   source    /pilog/<context>
 *   topic     pilog.<context>.<aggregate>                      (one topic per aggregate type: Kafka keeps order per
 *                                                               key only within a topic, and consumers need all of
 *                                                               one aggregate's events in order)
 */
export interface EventDefinition<S extends TSchema = TSchema> {
  readonly type: string;
  readonly source: string;
  readonly topic: string;
  /** Debezium's `aggregatetype`: the aggregate's name within its context. */
  readonly aggregateType: string;
  readonly version: number;
  readonly data: S;
  /** Method syntax on purpose: a definition of a specific schema must still pass where any definition is taken. */
  aggregateIdOf(data: Static<S>): string;
}

export interface EventSpec<S extends TSchema> {
  readonly context: string;
  readonly aggregate: string;
  readonly event: string;
  readonly version: number;
  readonly data: S;
  readonly aggregateId: (data: Static<S>) => string;
}

const NAME = /^[a-z][a-z0-9-]{0,30}$/;

export function defineEvent<S extends TSchema>(spec: EventSpec<S>): EventDefinition<S> {
  for (const part of ['context', 'aggregate', 'event'] as const) {
    if (!NAME.test(spec[part])) throw new Error(`event ${part} "${spec[part]}" must be lower-case kebab-case, at most 31 characters`);
  }
  if (!Number.isInteger(spec.version) || spec.version < 1) throw new Error(`event version must be a positive integer, got ${spec.version}`);
  const topic = `pilog.${spec.context}.${spec.aggregate}`;
  return {
    type: `${topic}.${spec.event}.v${spec.version}`,
    source: `/pilog/${spec.context}`,
    topic,
    aggregateType: spec.aggregate,
    version: spec.version,
    data: spec.data,
    aggregateIdOf: spec.aggregateId,
  };
}

/**
 * An event an aggregate raised, not yet stamped with an id or time: those are given when it is written to the
 * outbox, so domain code stays free of id generators and clocks.
 */
export interface RaisedEvent<S extends TSchema = TSchema> {
  readonly definition: EventDefinition<S>;
  readonly data: Static<S>;
  /** The aggregate's version after the change; consumers use it to ignore stale or repeated deliveries. */
  readonly aggregateVersion: number;
}

export const raise = <S extends TSchema>(definition: EventDefinition<S>, data: Static<S>, aggregateVersion: number): RaisedEvent<S> => ({
  definition,
  data,
  aggregateVersion,
});

/**
 * Where a consuming function's permanently bad events go. One dead-letter topic per consumer, not per source topic:
 * an event is "bad" only relative to the consumer that refused it, and replaying it must reach that consumer alone.
 */
export const deadLetterTopicOf = (consumerFunction: string): string => `pilog.dead-letter.${consumerFunction}`;
