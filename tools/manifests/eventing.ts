import { deadLetterTopicOf } from '../../shared/events/event-definition.ts';
import type { EventCatalogue } from '../../shared/events/catalogue.ts';
import type { CronTrigger, EventTrigger, FunctionManifest } from '../../shared/platform/runtime/manifest.ts';
import { cluster, topicPolicy } from './cluster.ts';
import { knativeDeliverySpec } from './event-delivery.ts';
import { labelsOf, type KubeObject } from './knative-service.ts';

const sinkOf = (functionName: string) => ({ ref: { apiVersion: 'serving.knative.dev/v1', kind: 'Service', name: functionName } });

export const deadLetterSinkName = (functionName: string): string => `${functionName}-dead-letter`;
export const consumerGroupOf = (functionName: string): string => `pilog.${functionName}`;

/**
 * An event function's feed: a KafkaSource with its own consumer group, ordered delivery (one partition waits for
 * the function's answer, so an aggregate's events arrive in order), retries with exponential backoff on 5xx/429,
 * and a KafkaSink that writes what the function refused (400) or never took to its dead-letter topic.
 * The source does not filter by type: the function acknowledges other types on a shared topic itself.
 */
export function kafkaSourceObjects(manifest: FunctionManifest<EventTrigger>): KubeObject[] {
  const labels = labelsOf(manifest.name, 'event-source');
  return [
    {
      apiVersion: 'sources.knative.dev/v1beta1',
      kind: 'KafkaSource',
      metadata: { name: manifest.name, namespace: cluster.namespace, labels },
      spec: {
        bootstrapServers: [cluster.kafka.bootstrap],
        topics: [manifest.trigger.topic],
        consumerGroup: consumerGroupOf(manifest.name),
        initialOffset: 'earliest',
        ordering: 'ordered',
        consumers: 1,
        delivery: {
          ...knativeDeliverySpec,
          deadLetterSink: { ref: { apiVersion: 'eventing.knative.dev/v1alpha1', kind: 'KafkaSink', name: deadLetterSinkName(manifest.name) } },
        },
        sink: sinkOf(manifest.name),
      },
    },
    {
      apiVersion: 'eventing.knative.dev/v1alpha1',
      kind: 'KafkaSink',
      metadata: { name: deadLetterSinkName(manifest.name), namespace: cluster.namespace, labels: labelsOf(manifest.name, 'dead-letter-sink') },
      spec: { topic: deadLetterTopicOf(manifest.name), bootstrapServers: [cluster.kafka.bootstrap], contentMode: 'binary' },
    },
  ];
}

/**
 * The schedule a cron function runs on in the cluster, or undefined when it is off. A function whose schedule is a
 * switch declares a `…_CRON` setting that defaults to empty (memo-purge-sandbox: PILOG_MEMO_PURGE_CRON, "empty =
 * off"): it gets a PingSource only when pilog-config sets that key, on that schedule, so the ticks and the
 * function's own configuration agree. Otherwise the manifest's schedule applies (an empty one means off as well).
 */
export function clusterSchedule(manifest: FunctionManifest<CronTrigger>, config: Readonly<Record<string, string>>): string | undefined {
  const switchSetting = Object.values(manifest.settings).find((setting) => /_CRON$/.test(setting.key) && !setting.secret && setting.fallback?.() === '');
  const schedule = switchSetting ? (config[switchSetting.key] ?? '') : manifest.trigger.schedule;
  return schedule.trim() === '' ? undefined : schedule.trim();
}

/** A cron function's ticks: PingSource in UTC on the given five-field schedule. */
export function pingSource(manifest: FunctionManifest<CronTrigger>, schedule: string): KubeObject {
  return {
    apiVersion: 'sources.knative.dev/v1',
    kind: 'PingSource',
    metadata: { name: manifest.name, namespace: cluster.namespace, labels: labelsOf(manifest.name, 'ping-source') },
    spec: { schedule, timezone: 'UTC', contentType: 'application/json', data: '{}', sink: sinkOf(manifest.name) },
  };
}

/** The topics: one per catalogue topic, one dead-letter topic per event function. Strimzi's topic operator creates them. */
export function kafkaTopics(catalogue: EventCatalogue, manifests: readonly FunctionManifest[]): KubeObject[] {
  const topic = (name: string, retentionMs: number, purpose: string): KubeObject => ({
    apiVersion: 'kafka.strimzi.io/v1beta2',
    kind: 'KafkaTopic',
    metadata: {
      name,
      namespace: cluster.kafka.namespace,
      labels: { 'strimzi.io/cluster': cluster.kafka.cluster, 'app.kubernetes.io/part-of': 'pilog', 'app.kubernetes.io/component': purpose },
    },
    spec: {
      topicName: name,
      partitions: topicPolicy.partitions,
      replicas: topicPolicy.replicas,
      config: {
        'retention.ms': retentionMs,
        'min.insync.replicas': topicPolicy.minInsyncReplicas,
        'cleanup.policy': 'delete',
      },
    },
  });
  const consumers = manifests.filter((manifest): manifest is FunctionManifest<EventTrigger> => manifest.trigger.kind === 'events');
  for (const consumer of consumers) {
    if (!catalogue.topics.includes(consumer.trigger.topic)) throw new Error(`${consumer.name} consumes ${consumer.trigger.topic}, which no catalogue event is published on`);
  }
  return [
    ...catalogue.topics.map((name) => topic(name, topicPolicy.eventRetentionMs, 'event-topic')),
    ...consumers.map((consumer) => topic(deadLetterTopicOf(consumer.name), topicPolicy.deadLetterRetentionMs, 'dead-letter-topic')),
  ];
}
