/**
 * Every metric pilog exports, in one place: the instruments are created from these entries, and the dashboards and
 * alert rules in `gitops/` are checked against the names Prometheus gives them, so a renamed metric fails a test
 * instead of leaving an empty panel.
 */
export type MetricKind = 'counter' | 'histogram' | 'gauge' | 'updown-counter';

export interface MetricDefinition {
  readonly name: string;
  readonly kind: MetricKind;
  /** UCUM unit as OpenTelemetry expects it: `s`, `1` or `{row}`-style annotations. */
  readonly unit: string;
  readonly description: string;
  readonly attributes: readonly string[];
}

const metric = (definition: MetricDefinition): MetricDefinition => definition;

export const metricCatalog = {
  requestDuration: metric({
    name: 'http.server.request.duration',
    kind: 'histogram',
    unit: 's',
    description: 'Duration of HTTP requests answered by a function (rate, errors and duration per route).',
    attributes: ['http.route', 'http.request.method', 'http.response.status_code'],
  }),
  coldStart: metric({
    name: 'pilog.process.cold_start.duration',
    kind: 'histogram',
    unit: 's',
    description: 'Time from process start to the first answered request or delivered event.',
    attributes: [],
  }),
  outboxBacklog: metric({
    name: 'pilog.outbox.backlog',
    kind: 'gauge',
    unit: '{event}',
    description: 'Outbox rows not yet published.',
    attributes: [],
  }),
  outboxOldestAge: metric({
    name: 'pilog.outbox.oldest_age',
    kind: 'gauge',
    unit: 's',
    description: 'Age of the oldest unpublished outbox row (0 when the outbox is empty).',
    attributes: [],
  }),
  eventDeliveries: metric({
    name: 'pilog.event.deliveries',
    kind: 'counter',
    unit: '{delivery}',
    description: 'Event deliveries to a consumer by outcome: handled, retried (failed, will be retried), dead_lettered.',
    attributes: ['pilog.consumer', 'pilog.outcome'],
  }),
  indexLag: metric({
    name: 'pilog.search.index_lag',
    kind: 'histogram',
    unit: 's',
    description: 'Time from an article event to its write in the search index (publish to searchable).',
    attributes: [],
  }),
  cacheLookups: metric({
    name: 'pilog.cache.lookups',
    kind: 'counter',
    unit: '{lookup}',
    description: 'Read-cache lookups by result: hit or miss.',
    attributes: ['pilog.cache.result'],
  }),
  cacheErrors: metric({
    name: 'pilog.cache.errors',
    kind: 'counter',
    unit: '{command}',
    description: 'Shared-cache commands that failed or timed out (Redis down or hung): a read is then answered from the database.',
    attributes: ['pilog.cache.operation'],
  }),
  realtimeSessions: metric({
    name: 'pilog.realtime.sessions',
    kind: 'updown-counter',
    unit: '{session}',
    description: 'Realtime (autosave) sessions open.',
    attributes: [],
  }),
} as const;

const prometheusUnits: Readonly<Record<string, string>> = { s: 'seconds', ms: 'milliseconds', By: 'bytes' };

/**
 * The series name the collector's Prometheus exporter gives a metric: dots become underscores, a known unit is
 * appended as a suffix, counters end in `_total`; histograms add `_bucket`, `_sum` and `_count` to this base.
 */
export function prometheusName(definition: MetricDefinition): string {
  const base = definition.name.replace(/\./g, '_');
  const unit = prometheusUnits[definition.unit];
  const withUnit = unit && !base.endsWith(`_${unit}`) ? `${base}_${unit}` : base;
  return definition.kind === 'counter' ? `${withUnit}_total` : withUnit;
}
