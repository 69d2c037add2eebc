import type { Insertable, Transaction } from 'kysely';
import type { Clock } from '../../kernel/clock.ts';
import type { IdGenerator } from '../../kernel/snowflake.ts';
import type { RaisedEvent } from '../../events/event-definition.ts';
import type { PlatformTables } from '../database/database.ts';
import { decode } from '../schema/decode.ts';
import { activeTraceContext } from '../telemetry/telemetry.ts';
import type { OutgoingEvent } from '../messaging/event-publisher.port.ts';
import { insertOutboxRows } from './outbox-repository.ts';
import { outgoingEventOf, type OutboxEventColumns, type OutboxTable } from './outbox-table.ts';

/**
 * How long the writer alone may publish the rows it appended (the fast path after commit); after that the
 * sweep may take them. Long enough for a publish that gives up on a dead broker, short enough that a crashed
 * writer's events wait at most this plus one sweep interval.
 */
export const FAST_PATH_LEASE_MS = 10_000;

/** Kafka's default message limit is 1 MiB; a row Kafka could never accept would block the sweep, so refuse it here. */
export const MAX_PAYLOAD_BYTES = 900_000;

const EXTENSION_NAME = /^[a-z0-9]{1,20}$/;
/** CloudEvents' own attribute names, and the extension the outbox sets itself: an extension may not shadow them. */
const RESERVED_NAMES = new Set(['specversion', 'id', 'type', 'source', 'subject', 'time', 'datacontenttype', 'dataschema', 'data', 'aggregateversion']);
const MAX_AGGREGATE_ID_LENGTH = 64;

export interface OutboxStamps {
  readonly ids: IdGenerator;
  readonly clock: Clock;
  /** CloudEvent extensions every event of this write carries, such as the request's `traceparent`. */
  readonly extensions?: Readonly<Record<string, string>>;
}

function rowOf(event: RaisedEvent, id: number, now: number, extensions: Readonly<Record<string, string>>): Insertable<OutboxTable> & OutboxEventColumns {
  const { definition } = event;
  const checked = decode(definition.data, event.data, `${definition.type} data`);
  if (!checked.ok) throw new Error(`cannot append ${definition.type}: ${checked.error.message}`);
  const payload = JSON.stringify(event.data);
  if (Buffer.byteLength(payload) > MAX_PAYLOAD_BYTES) throw new Error(`cannot append ${definition.type}: data exceeds ${MAX_PAYLOAD_BYTES} bytes`);
  const aggregateId = definition.aggregateIdOf(event.data);
  if (aggregateId === '' || aggregateId.length > MAX_AGGREGATE_ID_LENGTH) {
    throw new Error(`cannot append ${definition.type}: aggregate id must be 1..${MAX_AGGREGATE_ID_LENGTH} characters`);
  }
  return {
    id,
    aggregatetype: definition.aggregateType,
    aggregateid: aggregateId,
    aggregate_version: event.aggregateVersion,
    type: definition.type,
    source: definition.source,
    topic: definition.topic,
    payload,
    extensions: JSON.stringify(extensions),
    created_at: now,
    claimed_until: now + FAST_PATH_LEASE_MS,
  };
}

/**
 * Writes events to the outbox inside the caller's transaction, so they commit or roll back with the state change
 * that raised them. Returns them as they will be published: hand them to the relay once the transaction has
 * committed. An event that does not match its catalogue schema is a bug, so it throws and the transaction rolls
 * back rather than publish something consumers would have to reject. With telemetry on, each event carries the
 * writing span's W3C trace context (`traceparent`, the CloudEvents distributed-tracing extension), stored with the
 * row, so whoever publishes it later (the fast path or the sweep) continues the writer's trace.
 */
export async function appendToOutbox<Tables extends PlatformTables>(
  trx: Transaction<Tables>,
  events: readonly RaisedEvent[],
  stamps: OutboxStamps,
): Promise<readonly OutgoingEvent[]> {
  const extensions = { ...activeTraceContext(), ...stamps.extensions };
  const badName = Object.keys(extensions).find((name) => !EXTENSION_NAME.test(name) || RESERVED_NAMES.has(name));
  if (badName !== undefined) throw new Error(`extension name "${badName}" is reserved or not 1-20 lower-case letters and digits`);
  const now = stamps.clock.now();
  const rows = events.map((event) => rowOf(event, stamps.ids.next(), now, extensions));
  // The writer's transaction sees its context's tables too; Kysely's table types are invariant, so view it as the outbox's.
  await insertOutboxRows(trx as unknown as Transaction<PlatformTables>, rows);
  return rows.map(outgoingEventOf);
}
