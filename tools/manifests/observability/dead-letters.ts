import { deadLetterTopicOf } from '../../../shared/events/event-definition.ts';
import { externalMetrics } from './external-metrics.ts';
import { grewWithin, label, series } from './series.ts';

/** The label both dead-letter counts are kept by: the consuming function, as pilog's own counter names it. */
export const consumerLabel = label('pilog.consumer');

/** Every dead-letter topic as a PromQL regex (`deadLetterTopicOf`, dots literal); group 1 is the consumer. */
export const deadLetterTopics = `${deadLetterTopicOf('').replace(/\./g, '[.]')}(.+)`;

/** The high watermark of each dead-letter topic, its partitions' summed (`offset`: as of that long ago). */
const topicOffsets = (offset = ''): string =>
  `sum by (topic) (max by (topic, partition) (${externalMetrics.kafkaTopicOffset}{topic=~"${deadLetterTopics}"}${offset && ` offset ${offset}`}))`;

/**
 * Messages written to each consumer's dead-letter topic within `window`, by `pilog_consumer`: every dead letter, also
 * the ones Knative wrote after the retries ran out (5xx every time), which pilog never sees. The high watermarks are
 * summed per topic before the growth is taken, so a restarted exporter (new series, same offsets) adds nothing.
 * A topic its first message created between two scrapes has no earlier sample to grow from: one the exporter did not
 * report `window` ago, while it reported other topics, counts all its messages (a topic starts at offset 0).
 */
export function deadLetterTopicGrowth(window: string): string {
  const offsets = topicOffsets();
  const growth = `max_over_time(${offsets}[${window}:1m]) - min_over_time(${offsets}[${window}:1m])`;
  const created = `(max_over_time(${offsets}[${window}:1m]) unless ${topicOffsets(window)}) and on () count(${externalMetrics.kafkaTopicOffset} offset ${window})`;
  const messages = `(${created}) or (${growth})`;
  return `sum by (${consumerLabel}) (label_replace(${messages}, "${consumerLabel}", "$1", "topic", "${deadLetterTopics}"))`;
}

/**
 * Events each consumer refused itself within `window` (pilog's counter, outcome `dead_lettered`): counted even when
 * the dead-letter sink could not write them.
 */
export const refusedByConsumer = (window: string): string =>
  `sum by (${consumerLabel}) (${grewWithin(`${series('eventDeliveries')}{${label('pilog.outcome')}="dead_lettered"}`, window)})`;
