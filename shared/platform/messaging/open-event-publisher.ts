import { requireSetting } from '../config/platform-settings.ts';
import type { Logger } from '../logging/logger.ts';
import type { EventPublisher } from './event-publisher.port.ts';

export interface PublisherSettings {
  readonly profile: 'embedded' | 'services';
  readonly kafkaBrokers: string;
}

/**
 * The profile's publisher: the process's in-process bus (embedded) or a Kafka producer (services). The Kafka client is
 * imported only in the services profile. `clientId` names the function in the broker's logs and quotas.
 */
export async function openEventPublisher(settings: PublisherSettings, context: { clientId: string; logger: Logger }): Promise<EventPublisher> {
  if (settings.profile === 'embedded') return (await import('./event-publisher.in-process.ts')).processEventBus;
  const brokers = requireSetting(settings.kafkaBrokers, 'PILOG_KAFKA_BROKERS', 'in the services profile')
    .split(',')
    .map((broker) => broker.trim())
    .filter((broker) => broker !== '');
  const { createKafkaPublisher } = await import('./event-publisher.kafka.ts');
  return createKafkaPublisher({ brokers, clientId: context.clientId, logger: context.logger });
}
