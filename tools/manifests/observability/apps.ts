import type { KubeObject } from '../knative-service.ts';
import { application, chart, components, gitRepository, pinnedTo, resourcesOf, storageClass, versions, type Component } from '../platform.ts';
import { agentValues, collectorValues } from './collector.ts';
import { endpoints, observabilityNamespace } from './endpoints.ts';
import { knativeServiceLabel, knativeServicePodLabel } from './external-metrics.ts';
import { dashboardLabel } from './monitors.ts';

const grafanaCharts = 'https://grafana.github.io/helm-charts';
const placed = (component: Component) => ({ resources: resourcesOf(component), nodeSelector: pinnedTo(component.node) });
const volume = (size: string) => ({ accessModes: ['ReadWriteOnce'], storageClassName: storageClass, resources: { requests: { storage: size } } });

/** Grafana's dashboard sidecar gets this much of the Grafana budget; Grafana itself the rest. */
const sidecar = { memoryRequestMiB: 32, memoryLimitMiB: 64 };
const grafanaItself = {
  requests: { cpu: components.grafana.cpuRequest, memory: `${components.grafana.memoryRequestMiB - sidecar.memoryRequestMiB}Mi` },
  limits: { memory: `${components.grafana.memoryLimitMiB - sidecar.memoryLimitMiB}Mi` },
};

/**
 * kube-prometheus-stack: the Prometheus operator (and its CRDs, from the chart), Prometheus, Alertmanager,
 * kube-state-metrics and Grafana. Trimmed for k3s on Pis: no node exporter, no default rules, no scraping of
 * control-plane parts k3s does not expose. Prometheus selects every ServiceMonitor, PodMonitor and PrometheusRule.
 */
/**
 * kube-state-metrics' custom-resource state for the Knative Configurations of the functions (one per Knative Service,
 * of the same name): `kube_knative_configuration_condition{type, kn_service_name}`, each condition as 1 (True) or 0
 * (False). A Configuration rather than the Service, whose plural (`services`) kube-state-metrics' `--resources` could
 * not tell from the core Services.
 */
const knativeConfigurationConditions = {
  kind: 'CustomResourceStateMetrics',
  spec: {
    resources: [
      {
        groupVersionKind: { group: 'serving.knative.dev', version: 'v1', kind: 'Configuration' },
        metricNamePrefix: 'kube_knative',
        labelsFromPath: { [knativeServiceLabel]: ['metadata', 'name'], namespace: ['metadata', 'namespace'] },
        metrics: [
          {
            name: 'configuration_condition',
            help: 'A Knative Configuration condition: 1 True, 0 False',
            each: { type: 'Gauge', gauge: { path: ['status', 'conditions'], labelsFromPath: { type: ['type'] }, valueFrom: ['status'] } },
          },
        ],
      },
    ],
  },
};

/** The kube-state-metrics chart's own `collectors` (its values.yaml), which a list given in values replaces. */
const kubeStateMetricsDefaultCollectors = [
  'certificatesigningrequests', 'configmaps', 'cronjobs', 'daemonsets', 'deployments', 'endpoints', 'horizontalpodautoscalers', 'ingresses', 'jobs',
  'limitranges', 'mutatingwebhookconfigurations', 'namespaces', 'networkpolicies', 'nodes', 'persistentvolumeclaims', 'persistentvolumes',
  'poddisruptionbudgets', 'pods', 'replicasets', 'replicationcontrollers', 'resourcequotas', 'secrets', 'services', 'statefulsets', 'storageclasses',
  'validatingwebhookconfigurations', 'volumeattachments',
];

function kubePrometheusStackValues(): Record<string, unknown> {
  return {
    defaultRules: { create: false },
    nodeExporter: { enabled: false },
    kubeEtcd: { enabled: false },
    kubeControllerManager: { enabled: false },
    kubeScheduler: { enabled: false },
    kubeProxy: { enabled: false },
    prometheusOperator: { ...placed(components.prometheusOperator), admissionWebhooks: { patch: { nodeSelector: pinnedTo(components.prometheusOperator.node) } } },
    // kube_pod_labels carries the Knative Service of a revision's pods: the crash-loop alert sums restarts per function.
    'kube-state-metrics': {
      ...placed(components.kubeStateMetrics),
      metricLabelsAllowlist: [`pods=[${knativeServicePodLabel}]`],
      // The chart passes `collectors` as --resources, which must name a custom resource too: the chart's defaults, and
      // the Knative Configurations (their RBAC is not among the chart's rules).
      collectors: [...kubeStateMetricsDefaultCollectors, 'configurations'],
      rbac: { extraRules: [{ apiGroups: ['serving.knative.dev'], resources: ['configurations'], verbs: ['list', 'watch'] }] },
      customResourceState: { enabled: true, config: knativeConfigurationConditions },
    },
    alertmanager: { alertmanagerSpec: placed(components.alertmanager) },
    prometheus: {
      prometheusSpec: {
        ...placed(components.prometheus),
        retention: '7d',
        retentionSize: '8GB',
        ruleSelectorNilUsesHelmValues: false,
        serviceMonitorSelectorNilUsesHelmValues: false,
        podMonitorSelectorNilUsesHelmValues: false,
        storageSpec: { volumeClaimTemplate: { spec: volume('10Gi') } },
      },
    },
    grafana: {
      resources: grafanaItself,
      nodeSelector: pinnedTo(components.grafana.node),
      // The admin account comes from a Secret the operator creates (docs/deploy.md §14), never the chart's default.
      admin: { existingSecret: 'grafana-admin', userKey: 'admin-user', passwordKey: 'admin-password' },
      sidecar: {
        resources: { requests: { memory: `${sidecar.memoryRequestMiB}Mi` }, limits: { memory: `${sidecar.memoryLimitMiB}Mi` } },
        dashboards: { enabled: true, label: dashboardLabel, labelValue: '1', searchNamespace: 'ALL', folderAnnotation: 'grafana_folder', provider: { foldersFromFilesStructure: true } },
      },
      additionalDataSources: [
        { name: 'Tempo', type: 'tempo', uid: 'tempo', url: endpoints.tempoQuery, jsonData: { tracesToLogsV2: { datasourceUid: 'loki', filterByTraceID: true } } },
        { name: 'Loki', type: 'loki', uid: 'loki', url: endpoints.lokiQuery },
      ],
    },
  };
}

/** Loki in single-binary mode on the filesystem; the chart's caches, gateway and canary are off (they would not fit). */
function lokiValues(): Record<string, unknown> {
  return {
    fullnameOverride: 'loki',
    deploymentMode: 'SingleBinary',
    loki: {
      auth_enabled: false,
      commonConfig: { replication_factor: 1 },
      storage: { type: 'filesystem' },
      schemaConfig: { configs: [{ from: '2025-01-01', store: 'tsdb', object_store: 'filesystem', schema: 'v13', index: { prefix: 'loki_index_', period: '24h' } }] },
      // OTLP logs keep trace_id / span_id as structured metadata.
      limits_config: { allow_structured_metadata: true, retention_period: '168h' },
      compactor: { retention_enabled: true, delete_request_store: 'filesystem' },
    },
    singleBinary: { replicas: 1, ...placed(components.loki), persistence: { size: '10Gi', storageClass } },
    read: { replicas: 0 },
    write: { replicas: 0 },
    backend: { replicas: 0 },
    gateway: { enabled: false },
    chunksCache: { enabled: false },
    resultsCache: { enabled: false },
    lokiCanary: { enabled: false },
    test: { enabled: false },
  };
}

function tempoValues(): Record<string, unknown> {
  return {
    fullnameOverride: 'tempo',
    nodeSelector: pinnedTo(components.tempo.node),
    tempo: {
      resources: resourcesOf(components.tempo),
      retention: '72h',
      reportingEnabled: false,
      receivers: { otlp: { protocols: { grpc: { endpoint: '0.0.0.0:4317' } } } },
    },
    persistence: { enabled: true, size: '5Gi', storageClassName: storageClass },
  };
}

/**
 * The observability Applications: the operator stack first (its CRDs), then the backends and the collector, then
 * pilog's own dashboards, rules and monitors from gitops/platform/observability.
 */
export function observabilityApplications(): KubeObject[] {
  const namespace = observabilityNamespace;
  return [
    application({
      name: 'kube-prometheus-stack',
      namespace,
      wave: -3,
      source: chart('https://prometheus-community.github.io/helm-charts', 'kube-prometheus-stack', versions.kubePrometheusStackChart, kubePrometheusStackValues()),
      serverSideApply: true,
    }),
    application({ name: 'loki', namespace, wave: -2, source: chart(grafanaCharts, 'loki', versions.lokiChart, lokiValues()) }),
    application({ name: 'tempo', namespace, wave: -2, source: chart(grafanaCharts, 'tempo', versions.tempoChart, tempoValues()) }),
    application({
      name: 'otel-collector',
      namespace,
      wave: -2,
      source: chart('https://open-telemetry.github.io/opentelemetry-helm-charts', 'opentelemetry-collector', versions.otelCollectorChart, collectorValues()),
    }),
    application({
      name: 'otel-agent',
      namespace,
      wave: -2,
      source: chart('https://open-telemetry.github.io/opentelemetry-helm-charts', 'opentelemetry-collector', versions.otelCollectorChart, agentValues()),
    }),
    application({
      name: 'observability',
      namespace,
      wave: -1,
      source: { repoURL: gitRepository.url, targetRevision: gitRepository.revision, path: 'gitops/platform/observability' },
    }),
  ];
}
