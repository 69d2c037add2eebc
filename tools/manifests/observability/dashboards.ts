import type { FunctionManifest } from '../../../shared/platform/runtime/manifest.ts';
import { cluster } from '../cluster.ts';
import { consumerGroupOf } from '../eventing.ts';
import { consumerLabel, deadLetterTopicGrowth, refusedByConsumer } from './dead-letters.ts';
import { externalMetrics, knativeServiceLabel } from './external-metrics.ts';
import { bucket, count, functionLabel, grewWithin, label, quantile, series } from './series.ts';

/** The bounded contexts, each with its own dashboard; a function belongs to the context its name starts with. */
export const contexts = ['blog', 'memo', 'comment', 'media', 'search', 'seo', 'auth', 'realtime'] as const;
export type Context = (typeof contexts)[number];

export interface Target {
  readonly refId: string;
  readonly expr: string;
  readonly legendFormat: string;
}
export interface Panel {
  readonly id: number;
  readonly type: 'timeseries';
  readonly title: string;
  readonly gridPos: { readonly x: number; readonly y: number; readonly w: number; readonly h: number };
  readonly datasource: { readonly type: 'prometheus'; readonly uid: string };
  readonly fieldConfig: { readonly defaults: { readonly unit: string }; readonly overrides: readonly [] };
  readonly targets: readonly Target[];
}
export interface Dashboard {
  readonly uid: string;
  readonly title: string;
  readonly tags: readonly string[];
  readonly panels: readonly Panel[];
  readonly [field: string]: unknown;
}

/** The Prometheus data source kube-prometheus-stack provisions in Grafana. */
const prometheus = { type: 'prometheus', uid: 'prometheus' } as const;

interface PanelSpec {
  readonly title: string;
  readonly unit: string;
  readonly queries: ReadonlyArray<readonly [expr: string, legend: string]>;
}
const spec = (title: string, unit: string, ...queries: Array<readonly [string, string]>): PanelSpec => ({ title, unit, queries });

/** Lays panels out two per row, 12 × 8 grid cells each. */
function dashboard(uid: string, title: string, specs: readonly PanelSpec[]): Dashboard {
  const panels = specs.map(
    (panel, index): Panel => ({
      id: index + 1,
      type: 'timeseries',
      title: panel.title,
      gridPos: { x: (index % 2) * 12, y: Math.floor(index / 2) * 8, w: 12, h: 8 },
      datasource: prometheus,
      fieldConfig: { defaults: { unit: panel.unit }, overrides: [] },
      targets: panel.queries.map(([expr, legendFormat], q) => ({ refId: String.fromCharCode(65 + q), expr, legendFormat })),
    }),
  );
  return { uid, title, tags: ['pilog'], timezone: 'utc', schemaVersion: 39, editable: false, time: { from: 'now-6h', to: 'now' }, refresh: '1m', panels };
}

const fn = `{{${functionLabel}}}`;
const oneOf = (names: readonly string[]): string => names.join('|');
const functionsIn = (names: readonly string[]): string => `{${functionLabel}=~"${oneOf(names)}"}`;
const withStatus5xx = (names: readonly string[]): string => `{${functionLabel}=~"${oneOf(names)}", ${label('http.response.status_code')}=~"5.."}`;

/** Rate, errors and duration per function. */
function redPanels(names: readonly string[]): PanelSpec[] {
  const requests = count('requestDuration');
  return [
    spec('Requests per second', 'reqps', [`sum by (${functionLabel}) (rate(${requests}${functionsIn(names)}[$__rate_interval]))`, fn]),
    spec('5xx ratio', 'percentunit', [
      `sum by (${functionLabel}) (rate(${requests}${withStatus5xx(names)}[$__rate_interval])) / sum by (${functionLabel}) (rate(${requests}${functionsIn(names)}[$__rate_interval]))`,
      fn,
    ]),
    spec('Duration p95', 's', [quantile(0.95, 'requestDuration', functionsIn(names), [functionLabel], '$__rate_interval'), fn]),
  ];
}

/**
 * A process records its cold start once, so its histogram never changes afterwards: the last values of the
 * processes seen in the last hour are the cold starts of that hour (rate() would miss a series' first sample).
 */
function coldStartPanels(names: readonly string[]): PanelSpec[] {
  const lastHour = (name: string) => `last_over_time(${name}${functionsIn(names)}[1h])`;
  return [
    spec('Cold starts (last hour)', 'short', [`sum by (${functionLabel}) (${lastHour(count('coldStart'))})`, fn]),
    spec('Cold start p95 (last hour)', 's', [`histogram_quantile(0.95, sum by (le, ${functionLabel}) (${lastHour(bucket('coldStart'))}))`, fn]),
  ];
}

const outcome = `{{${label('pilog.outcome')}}}`;

function deliveryPanels(consumers: readonly string[]): PanelSpec[] {
  const deliveries = `${series('eventDeliveries')}{${consumerLabel}=~"${oneOf(consumers)}"}`;
  const groups = consumers.map(consumerGroupOf);
  return [
    spec('Event deliveries by outcome', 'short', [`sum by (${consumerLabel}, ${label('pilog.outcome')}) (${grewWithin(deliveries, '$__rate_interval')})`, `{{${consumerLabel}}} ${outcome}`]),
    spec('Consumer lag (Strimzi Kafka exporter)', 'short', [`sum by (consumergroup) (${externalMetrics.kafkaConsumerGroupLag}{consumergroup=~"${oneOf(groups)}"})`, '{{consumergroup}}']),
  ];
}

/** Every dead letter (what reached the dead-letter topics) beside what the consumers refused themselves (400). */
const deadLetterPanel = spec(
  'Dead letters (last hour)',
  'short',
  [deadLetterTopicGrowth('1h'), `{{${consumerLabel}}} dead-letter topic`],
  [refusedByConsumer('1h'), `{{${consumerLabel}}} refused by the function`],
);
const outboxPanel = spec('Outbox: oldest unpublished row and backlog', 's', [`max(${series('outboxOldestAge')})`, 'oldest age'], [`max(${series('outboxBacklog')})`, 'rows']);
const indexLagPanel = spec('Publish → searchable lag', 's', [quantile(0.5, 'indexLag', '', [], '$__rate_interval'), 'p50'], [quantile(0.99, 'indexLag', '', [], '$__rate_interval'), 'p99']);
const cachePanel = (names: readonly string[]) =>
  spec('Cache hit ratio', 'percentunit', [
    `sum(rate(${series('cacheLookups')}{${functionLabel}=~"${oneOf(names)}", ${label('pilog.cache.result')}="hit"}[$__rate_interval])) / sum(rate(${series('cacheLookups')}${functionsIn(names)}[$__rate_interval]))`,
    'hit ratio',
  ]);
const cacheErrorsPanel = spec('Cache errors (Redis failed or timed out; reads went to the database)', 'short', [
  `sum by (${label('pilog.cache.operation')}) (${grewWithin(series('cacheErrors'), '$__rate_interval')})`,
  `{{${label('pilog.cache.operation')}}}`,
]);
const sessionsPanel = spec('Realtime sessions open', 'short', [`sum(${series('realtimeSessions')})`, 'sessions']);
/** Scale-from-zero events: a revision going from 0 to some pods; changes() counts both edges, so halve it. */
const scaleFromZeroPanel = spec('Scale-from-zero events (last hour, Knative autoscaler)', 'short', [
  `ceil(changes((sum by (${knativeServiceLabel}) (${externalMetrics.knativeRevisionPods}{k8s_namespace_name="${cluster.namespace}"}) > bool 0)[1h:1m]) / 2)`,
  `{{${knativeServiceLabel}}}`,
]);

/** What a context shows beyond RED, cold starts and its consumers. */
const contextExtras: Partial<Record<Context, readonly PanelSpec[]>> = {
  search: [indexLagPanel],
  realtime: [sessionsPanel],
};

const namesOf = (manifests: readonly FunctionManifest[]) => manifests.map((manifest) => manifest.name);

export function contextDashboard(context: Context, manifests: readonly FunctionManifest[]): Dashboard {
  const own = manifests.filter((manifest) => manifest.name.startsWith(`${context}-`));
  if (own.length === 0) throw new Error(`no function belongs to the context ${context}`);
  const names = namesOf(own);
  const consumers = namesOf(own.filter((manifest) => manifest.trigger.kind === 'events'));
  return dashboard(`pilog-${context}`, `pilog · ${context}`, [
    ...redPanels(names),
    cachePanel(names),
    ...coldStartPanels(names),
    ...(consumers.length > 0 ? deliveryPanels(consumers) : []),
    ...(contextExtras[context] ?? []),
  ]);
}

export function overviewDashboard(manifests: readonly FunctionManifest[]): Dashboard {
  const names = namesOf(manifests);
  const consumers = namesOf(manifests.filter((manifest) => manifest.trigger.kind === 'events'));
  return dashboard('pilog-overview', 'pilog · overview', [
    ...coldStartPanels(names),
    scaleFromZeroPanel,
    ...redPanels(names),
    outboxPanel,
    ...deliveryPanels(consumers),
    deadLetterPanel,
    indexLagPanel,
    cachePanel(names),
    cacheErrorsPanel,
    sessionsPanel,
  ]);
}

/** Every dashboard, file name → dashboard: one overview and one per context. */
export function dashboards(manifests: readonly FunctionManifest[]): Map<string, Dashboard> {
  return new Map([
    ['pilog-overview.json', overviewDashboard(manifests)],
    ...contexts.map((context) => [`pilog-${context}.json`, contextDashboard(context, manifests)] as const),
  ]);
}
