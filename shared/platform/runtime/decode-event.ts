import type { Static, TSchema } from '@sinclair/typebox';
import type { CloudEvent } from 'cloudevents';
import type { EventDefinition } from '../../events/event-definition.ts';
import { err, ok, type Result } from '../../kernel/result.ts';
import { decode } from '../schema/decode.ts';

export interface DecodedEvent<D extends EventDefinition> {
  readonly definition: D;
  readonly data: Static<D['data']>;
  /** From the `aggregateversion` extension every outbox event carries. */
  readonly aggregateVersion: number;
}

/**
 * Decodes a delivered CloudEvent against the definitions a consumer handles: its type must be one of them, its data
 * must match the definition's schema and it must carry a positive aggregate version. The error is the reason to
 * give when rejecting the delivery; such an event can never become valid, so it is not worth a retry.
 */
export function decodeEvent<D extends EventDefinition>(event: CloudEvent<unknown>, definitions: readonly D[]): Result<DecodedEvent<D>, string> {
  const definition = definitions.find((candidate) => candidate.type === event.type);
  if (definition === undefined) return err(`unexpected event type ${event.type}`);
  const version = Number(event.aggregateversion);
  if (!Number.isSafeInteger(version) || version < 1) return err(`${event.type} ${event.id} has no valid aggregateversion`);
  const data = decode(definition.data, event.data, 'data');
  if (!data.ok) return err(`${event.type} ${event.id}: ${data.error.message}`);
  return ok({ definition, data: data.value as Static<D['data']>, aggregateVersion: version });
}

/** Narrows a decoded event of several definitions to one of them, so its data has that definition's shape. */
export function isEventOf<E extends DecodedEvent<EventDefinition>, S extends TSchema>(
  event: E,
  definition: EventDefinition<S>,
): event is E & { readonly definition: EventDefinition<S>; readonly data: Static<S> } {
  return event.definition === definition;
}
