/**
 * An event on its way out: a CloudEvent 1.0 whose partition key is the aggregate id, so every consumer sees one
 * aggregate's events in order. Built from an outbox row; `id` is the outbox row id, which makes redelivery of the
 * same row recognisable downstream.
 */
export interface OutgoingEvent {
  readonly id: string;
  readonly type: string;
  readonly source: string;
  readonly topic: string;
  /** The aggregate id: Kafka message key and CloudEvent `subject` and `partitionkey`. */
  readonly key: string;
  readonly time: string;
  readonly data: unknown;
  /** Extension attributes: `aggregateversion`, `traceparent`, … (lower-case, CloudEvents naming rules). */
  readonly extensions: Readonly<Record<string, string>>;
}

/** Publishes events; resolves only when the transport has them (Kafka: acknowledged by all in-sync replicas). */
export interface EventPublisher {
  publish(events: readonly OutgoingEvent[]): Promise<void>;
  close(): Promise<void>;
}

/** A subscriber of the in-process bus, e.g. the dev host's outbox feed waking up. */
export type EventSubscriber = (event: OutgoingEvent) => void;
