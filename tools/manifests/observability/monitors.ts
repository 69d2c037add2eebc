import type { IPodMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PodMonitor';
import type { IServiceMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor';
import type { FunctionManifest } from '../../../shared/platform/runtime/manifest.ts';
import { cluster } from '../cluster.ts';
import type { KubeObject } from '../knative-service.ts';
import { prometheusRule } from './alert-rules.ts';
import { dashboards } from './dashboards.ts';
import { observabilityNamespace } from './endpoints.ts';

/** The label Grafana's dashboard sidecar looks for on ConfigMaps. */
export const dashboardLabel = 'grafana_dashboard';

type Named<T> = T & { metadata: { name: string; namespace: string } };

/** What Prometheus scrapes besides Kubernetes itself: the collector (pilog's metrics), Knative's autoscaler, Strimzi's Kafka exporter. */
export function monitors(): Array<Named<IServiceMonitor> | Named<IPodMonitor>> {
  return [
    {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'ServiceMonitor',
      metadata: { name: 'otel-collector', namespace: observabilityNamespace },
      spec: {
        selector: { matchLabels: { 'app.kubernetes.io/name': 'opentelemetry-collector', 'app.kubernetes.io/instance': 'otel-collector' } },
        // Keep the labels the exporter wrote (job = service.name) instead of the scrape target's.
        endpoints: [{ port: 'prom-exporter', interval: '30s', honorLabels: true }],
      },
    },
    {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'ServiceMonitor',
      metadata: { name: 'knative-autoscaler', namespace: observabilityNamespace },
      spec: {
        namespaceSelector: { matchNames: ['knative-serving'] },
        selector: { matchLabels: { app: 'autoscaler' } },
        endpoints: [{ port: 'http-metrics', interval: '30s' }],
      },
    },
    {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'PodMonitor',
      metadata: { name: 'kafka-exporter', namespace: observabilityNamespace },
      spec: {
        namespaceSelector: { matchNames: [cluster.kafka.namespace] },
        selector: { matchLabels: { 'strimzi.io/kind': 'Kafka', 'strimzi.io/name': `${cluster.kafka.cluster}-kafka-exporter` } },
        podMetricsEndpoints: [{ port: 'tcp-prometheus', interval: '30s' }],
      },
    },
  ];
}

/** One ConfigMap per dashboard, picked up by Grafana's sidecar into the folder "pilog". */
export function dashboardConfigMaps(manifests: readonly FunctionManifest[]): KubeObject[] {
  return [...dashboards(manifests)].map(([file, dashboard]) => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: file.replace(/\.json$/, ''), namespace: observabilityNamespace, labels: { [dashboardLabel]: '1' }, annotations: { grafana_folder: 'pilog' } },
    data: { [file]: `${JSON.stringify(dashboard, null, 2)}\n` },
  }));
}

/** gitops/platform/observability: pilog's alert rules, scrape targets and dashboards. */
export function observabilityObjects(manifests: readonly FunctionManifest[]): KubeObject[] {
  return [prometheusRule(), ...monitors(), ...dashboardConfigMaps(manifests)] as KubeObject[];
}
