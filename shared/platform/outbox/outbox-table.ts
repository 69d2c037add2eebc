import type { ColumnType, Generated, Selectable } from 'kysely';
import { isoTimestamp } from '../../kernel/clock.ts';
import type { OutgoingEvent } from '../messaging/event-publisher.port.ts';

/**
 * The outbox, shaped for Debezium's outbox event router: `id`, `aggregatetype`, `aggregateid`, `type` and
 * `payload` carry its default names, so a cluster can swap our relay for CDC by configuring the connector (route
 * by the `topic` column, place `source`, `aggregate_version` and `extensions` as headers); updates, such as
 * marking a row published, are ignored by the router. Times are epoch milliseconds: one integer type both
 * dialects store and compare the same way.
 */
export interface OutboxTable {
  /** Snowflake id: unique across writers and roughly in commit order, so "oldest first" is "by id". */
  id: number;
  aggregatetype: string;
  aggregateid: string;
  aggregate_version: number;
  type: string;
  source: string;
  topic: string;
  /** The event's `data` as JSON. */
  payload: string;
  /** CloudEvent extension attributes as a JSON object of strings (e.g. `traceparent`). */
  extensions: string;
  created_at: number;
  published_at: number | null;
  /** How many times a sweep claimed the row: high numbers point at an event Kafka keeps refusing. */
  attempts: Generated<number>;
  /** Who may publish the row until `claimed_until`: a sweep's random token, or null for the writer's own fast path. */
  claimed_by: string | null;
  claimed_until: number | null;
  last_error: string | null;
  /** Embedded profile: the row's place in commit order, set by a trigger, from which consumers read (ADR 0002). */
  position: ColumnType<number | null, never, never>;
}

/** Embedded profile: how far each event function has read its topic in the outbox (the last position it took). */
export interface OutboxConsumerPositionsTable {
  consumer: string;
  topic: string;
  position: number;
}

export type OutboxTables = {
  outbox: OutboxTable;
  outbox_consumer_positions: OutboxConsumerPositionsTable;
};

export type OutboxRow = Selectable<OutboxTable>;

/** The columns an event is rebuilt from: everything but the relay's bookkeeping. */
export type OutboxEventColumns = Pick<
  OutboxRow,
  'id' | 'aggregateid' | 'aggregate_version' | 'type' | 'source' | 'topic' | 'payload' | 'extensions' | 'created_at'
>;

export function outgoingEventOf(row: OutboxEventColumns): OutgoingEvent {
  return {
    id: String(row.id),
    type: row.type,
    source: row.source,
    topic: row.topic,
    key: row.aggregateid,
    time: isoTimestamp(row.created_at),
    data: JSON.parse(row.payload),
    extensions: { ...(JSON.parse(row.extensions) as Record<string, string>), aggregateversion: String(row.aggregate_version) },
  };
}
