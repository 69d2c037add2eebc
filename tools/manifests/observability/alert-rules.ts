import type { IPrometheusRule } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule';
import { cluster } from '../cluster.ts';
import { observabilityNamespace } from './endpoints.ts';
import { consumerLabel, deadLetterTopicGrowth, refusedByConsumer } from './dead-letters.ts';
import { externalMetrics, knativeServiceLabel, knativeServiceOnPods } from './external-metrics.ts';
import { count, functionLabel, label, quantile, series } from './series.ts';

export interface AlertRule {
  readonly alert: string;
  readonly expr: string;
  readonly for?: string;
  readonly labels: { readonly severity: 'page' | 'ticket' };
  readonly annotations: { readonly summary: string };
}

const requests = count('requestDuration');
const status = label('http.response.status_code');
const inPilog = `namespace="${cluster.namespace}"`;

/** `perPod` (a vector by namespace and pod) kept for the pods of Knative revisions, labelled with their function. */
const perFunction = (perPod: string): string =>
  `label_replace(${perPod} * on (namespace, pod) group_left (${knativeServiceOnPods}) max by (namespace, pod, ${knativeServiceOnPods}) (${externalMetrics.podLabels}{${inPilog}, ${knativeServiceOnPods}!=""}), "${knativeServiceLabel}", "$1", "${knativeServiceOnPods}", "(.+)")`;
const restartsIn15m = `increase(${externalMetrics.containerRestarts}{${inPilog}}[15m])`;

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
    // Every dead letter reaches the consumer's dead-letter topic (refused or out of retries); what the function
    // refused also counts when the dead-letter sink failed to write it.
    expr: `${deadLetterTopicGrowth('10m')} > 0 or ${refusedByConsumer('10m')} > 0`,
    labels: { severity: 'ticket' },
    annotations: { summary: `Consumer {{ $labels.${consumerLabel} }} dead-lettered events in the last 10 minutes.` },
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
    // A pod in CrashLoopBackOff or restarting; a function whose revision's pods restart more than twice between them
    // (Knative replaces a failing pod, so no single pod need restart often); a function's pod not ready for 5 minutes
    // (a revision that cannot become ready: bad config, image, failing probe, no room on the nodes); a function whose
    // Knative Configuration is not Ready (its latest revision failed), which stays so after Knative scaled the failed pods
    // away and the pod signals went quiet.
    expr:
      `max by (pod, container) (${externalMetrics.containerWaitingReason}{${inPilog}, reason="CrashLoopBackOff"}) > 0` +
      ` or max by (pod, container) (${restartsIn15m}) > 2` +
      ` or sum by (${knativeServiceLabel}) (${perFunction(restartsIn15m)}) > 2` +
      ` or max by (${knativeServiceLabel}) (${perFunction(`${externalMetrics.podReady}{${inPilog}, condition="false"}`)}) > 0` +
      ` or min by (${knativeServiceLabel}) (${externalMetrics.knativeConfigurationCondition}{${inPilog}, type="Ready"}) == 0`,
    for: '5m',
    labels: { severity: 'page' },
    annotations: {
      summary:
        '{{ if $labels.pod }}Pod {{ $labels.pod }} ({{ $labels.container }}) is crash-looping.' +
        `{{ else }}Function {{ $labels.${knativeServiceLabel} }} is crash-looping or its revision does not become ready.{{ end }}`,
    },
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
