import type { IPrometheusRule } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule';
import { cluster } from '../cluster.ts';
import { metricCatalog } from '../../../shared/platform/telemetry/metric-catalog.ts';
import { observabilityNamespace } from './endpoints.ts';
import { externalMetrics } from './external-metrics.ts';
import { count, functionLabel, grewWithin, label, quantile, series } from './series.ts';

export interface AlertRule {
  readonly alert: string;
  readonly expr: string;
  readonly for?: string;
  readonly labels: { readonly severity: 'page' | 'ticket' };
  readonly annotations: { readonly summary: string };
}

const deadLettered = `${series('eventDeliveries')}{${label('pilog.outcome')}="dead_lettered"}`;
const consumer = label(metricCatalog.eventDeliveries.attributes[0] as string);
const requests = count('requestDuration');
const status = label('http.response.status_code');
const inPilog = `namespace="${cluster.namespace}"`;

/** The alerts of issue 16, each unit-tested with promtool (alert-rules.promtool.ts). */
export const alertRules: readonly AlertRule[] = [
  {
    alert: 'PilogOutboxStuck',
    expr: `max(${series('outboxOldestAge')}) > 120`,
    labels: { severity: 'page' },
    annotations: { summary: 'The oldest unpublished outbox row is {{ $value | humanizeDuration }} old (over 2 minutes): events are not reaching Kafka.' },
  },
  {
    alert: 'PilogDeadLetter',
    expr: `sum by (${consumer}) (${grewWithin(deadLettered, '10m')}) > 0`,
    labels: { severity: 'ticket' },
    annotations: { summary: 'Consumer {{ $labels.pilog_consumer }} dead-lettered events in the last 10 minutes.' },
  },
  {
    alert: 'PilogHighErrorRatio',
    expr:
      `sum by (${functionLabel}) (rate(${requests}{${status}=~"5.."}[5m]))` +
      ` / sum by (${functionLabel}) (rate(${requests}[5m])) > 0.01`,
    for: '5m',
    labels: { severity: 'page' },
    annotations: { summary: '{{ $labels.service_name }} answers {{ $value | humanizePercentage }} of its requests with 5xx (over 1 % for 5 minutes).' },
  },
  {
    alert: 'PilogIndexLagHigh',
    expr: `${quantile(0.99, 'indexLag', '', [])} > 5`,
    for: '5m',
    labels: { severity: 'ticket' },
    annotations: { summary: 'p99 publish-to-searchable lag is {{ $value | humanizeDuration }} (over 5 s for 5 minutes).' },
  },
  {
    alert: 'PilogFunctionCrashLooping',
    expr:
      `max by (pod, container) (${externalMetrics.containerWaitingReason}{${inPilog}, reason="CrashLoopBackOff"}) > 0` +
      ` or max by (pod, container) (increase(${externalMetrics.containerRestarts}{${inPilog}}[15m])) > 2`,
    for: '5m',
    labels: { severity: 'page' },
    annotations: { summary: 'Pod {{ $labels.pod }} ({{ $labels.container }}) is crash-looping.' },
  },
];

/** The PrometheusRule Argo CD deploys; the Prometheus of kube-prometheus-stack selects every rule in the cluster. */
export function prometheusRule(): IPrometheusRule & { metadata: { name: string; namespace: string } } {
  return {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PrometheusRule',
    metadata: { name: 'pilog-alerts', namespace: observabilityNamespace },
    spec: { groups: [{ name: 'pilog', rules: [...alertRules] }] },
  };
}
