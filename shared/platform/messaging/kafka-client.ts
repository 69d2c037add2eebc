import { Kafka, logLevel, type LogEntry } from 'kafkajs';
import type { Logger } from '../logging/logger.ts';

/**
 * Timeouts chosen so a broker that is down fails a publish within about two seconds instead of holding a request
 * for kafkajs's defaults (five retries up to 30 s each). Losing nothing does not depend on retrying here: the
 * outbox keeps every event until it is acknowledged, and the sweep tries again later.
 */
export const kafkaTimeouts = {
  connectionTimeout: 1500,
  requestTimeout: 10_000,
  retry: { retries: 2, initialRetryTime: 200, maxRetryTime: 1000 },
} as const;

/**
 * kafkajs reports every failed connection attempt as an error of its own; whether that is an error for pilog is
 * decided by the caller when the promise rejects. So its messages are passed on as warnings, in our JSON log.
 */
const toLogger =
  (logger: Logger) =>
  () =>
  ({ namespace, log }: LogEntry): void => {
    const { message, timestamp: _timestamp, ...fields } = log;
    logger.warn(`kafkajs: ${message}`, { namespace, ...fields });
  };

export function createKafkaClient(options: { brokers: readonly string[]; clientId: string; logger: Logger }): Kafka {
  return new Kafka({
    clientId: options.clientId,
    brokers: [...options.brokers],
    ...kafkaTimeouts,
    logLevel: logLevel.WARN,
    logCreator: toLogger(options.logger),
  });
}
