import type { IncomingHttpHeaders } from 'node:http';
import { HTTP, ValidationError, type CloudEvent } from 'cloudevents';
import { err, ok, type Result } from '../../kernel/result.ts';

/** The type Knative's KafkaSource gives a Kafka record that is not a CloudEvent, wrapping its bytes as the data. */
export const KAFKA_RECORD_TYPE = 'dev.knative.kafka.event';

const specVersionOf = (headers: IncomingHttpHeaders, body: string, structured: boolean): unknown => {
  if (!structured) return headers['ce-specversion'];
  try {
    return (JSON.parse(body) as { specversion?: unknown }).specversion;
  } catch {
    return undefined;
  }
};

const reasonOf = (error: unknown): string =>
  error instanceof ValidationError && Array.isArray(error.errors) && error.errors.length > 0
    ? `${error.message}: ${error.errors.map((detail) => (typeof detail === 'string' ? detail : (detail as { message?: string }).message)).join('; ')}`
    : (error as Error).message;

/**
 * Reads a delivery as exactly one CloudEvent 1.0 (binary or structured mode), strictly: the spec version must be
 * given and be 1.0, the required attributes present and well formed, the data readable as its content type says.
 * The CloudEvents SDK alone accepts more (any spec version, a missing one taken as 1.0, no attribute checks), and
 * what it lets through could be acted on as if it were a real event. A Kafka record the KafkaSource had to wrap
 * because it was not a CloudEvent is refused too. The error is the reason for the 400 that dead-letters it.
 */
export function readCloudEvent(headers: IncomingHttpHeaders, body: string): Result<CloudEvent<unknown>, string> {
  const contentType = String(headers['content-type'] ?? '');
  if (contentType.startsWith('application/cloudevents-batch')) return err('batched CloudEvents are not accepted');
  const specVersion = specVersionOf(headers, body, contentType.startsWith('application/cloudevents'));
  if (specVersion !== '1.0') return err(`not a CloudEvent 1.0: specversion ${specVersion === undefined ? 'missing' : JSON.stringify(specVersion)}`);
  let event: CloudEvent<unknown>;
  try {
    event = HTTP.toEvent({ headers, body }) as CloudEvent<unknown>;
    event.validate();
  } catch (error) {
    return err(`not a CloudEvent: ${reasonOf(error)}`);
  }
  if (event.type === KAFKA_RECORD_TYPE) return err(`not a CloudEvent: a Kafka record the source wrapped as ${KAFKA_RECORD_TYPE}`);
  return ok(event);
}
