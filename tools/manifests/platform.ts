import { cluster, queueProxy } from './cluster.ts';
import type { FunctionManifest } from '../../shared/platform/runtime/manifest.ts';
import type { KubeObject } from './knative-service.ts';

/**
 * The platform pilog runs on, sized for 4 × Raspberry Pi 4 (8 GB). Every component's memory is declared once here:
 * the same numbers size the Helm values / operator resources below and fill the budget table in docs/deploy.md.
 * Stateful pieces are pinned to a node by the `pilog.dev/node` label (docs/deploy.md labels the nodes).
 */
export type NodeName = 'pi-1' | 'pi-2' | 'pi-3' | 'pi-4';
export const nodes: readonly NodeName[] = ['pi-1', 'pi-2', 'pi-3', 'pi-4'];
export const nodeMemoryMiB = 8 * 1024;

export interface Component {
  readonly name: string;
  readonly node: NodeName;
  readonly cpuRequest: string;
  readonly memoryRequestMiB: number;
  readonly memoryLimitMiB: number;
}

const c = (name: string, node: NodeName, cpuRequest: string, memoryRequestMiB: number, memoryLimitMiB: number): Component => ({
  name,
  node,
  cpuRequest,
  memoryRequestMiB,
  memoryLimitMiB,
});

/** Not scheduled by us but there all the same: the OS, k3s itself and what k3s ships (Traefik, CoreDNS, local-path, metrics-server). */
export const systemReserved: Readonly<Record<NodeName, Component>> = {
  'pi-1': c('OS + k3s server (Traefik, CoreDNS, local-path, metrics-server)', 'pi-1', '500m', 1200, 1200),
  'pi-2': c('OS + k3s agent', 'pi-2', '200m', 600, 600),
  'pi-3': c('OS + k3s agent', 'pi-3', '200m', 600, 600),
  'pi-4': c('OS + k3s agent', 'pi-4', '200m', 600, 600),
};

export const components = {
  argoCd: c('Argo CD (controller, repo-server, server, redis)', 'pi-1', '200m', 640, 1024),
  knativeServing: c('Knative Serving (activator, autoscaler, controller, webhook)', 'pi-1', '200m', 320, 640),
  kourier: c('Kourier (gateway + controller)', 'pi-1', '100m', 160, 320),
  knativeEventing: c('Knative Eventing (controller, webhook, ping adapter)', 'pi-1', '100m', 192, 384),
  kafkaControlPlane: c('eventing-kafka controller + webhook', 'pi-1', '100m', 160, 320),
  kafkaSourceDispatcher: c('KafkaSource dispatcher (JVM)', 'pi-2', '100m', 384, 512),
  kafkaSinkReceiver: c('KafkaSink receiver (JVM, dead letters)', 'pi-3', '100m', 256, 384),
  strimzi: c('Strimzi cluster operator', 'pi-4', '100m', 320, 384),
  entityOperator: c('Strimzi topic operator', 'pi-4', '50m', 256, 320),
  kafka1: c('Kafka broker+controller 1 (KRaft, heap 512 MiB)', 'pi-2', '250m', 1024, 1024),
  kafka2: c('Kafka broker+controller 2 (KRaft, heap 512 MiB)', 'pi-3', '250m', 1024, 1024),
  kafka3: c('Kafka broker+controller 3 (KRaft, heap 512 MiB)', 'pi-4', '250m', 1024, 1024),
  mysql: c('MySQL 8.4 (buffer pool 512 MiB)', 'pi-2', '250m', 1024, 1280),
  redis: c('Redis 7 (maxmemory 128 MiB)', 'pi-2', '50m', 160, 192),
  openSearch: c('OpenSearch 2.19 (heap 768 MiB)', 'pi-3', '300m', 1536, 1792),
  kafkaExporter: c('Strimzi Kafka exporter (consumer lag)', 'pi-3', '50m', 64, 128),
  // A few minutes a night, beside MySQL and on the node its backup volume lives on (docs/deploy.md §15).
  siteExport: c('pilog-export CronJob (nightly site export)', 'pi-2', '100m', 128, 256),
  // Observability (docs/deploy.md §14): the collector, Prometheus with its operator, Grafana, Loki and Tempo.
  otelCollector: c('OpenTelemetry collector (memory_limiter at 80 % of the limit)', 'pi-4', '50m', 128, 256),
  prometheusOperator: c('Prometheus operator', 'pi-1', '50m', 64, 128),
  kubeStateMetrics: c('kube-state-metrics', 'pi-1', '20m', 64, 128),
  alertmanager: c('Alertmanager', 'pi-1', '10m', 32, 64),
  prometheus: c('Prometheus (7 d retention, 10 GiB)', 'pi-4', '200m', 512, 768),
  grafana: c('Grafana + dashboard sidecar', 'pi-4', '50m', 192, 320),
  loki: c('Loki (single binary, 7 d retention)', 'pi-4', '100m', 256, 384),
  tempo: c('Tempo (single binary, 3 d retention)', 'pi-4', '100m', 256, 384),
} as const satisfies Record<string, Component>;

/** DaemonSets: one pod on every node, counted on each node's budget. */
export const everyNode = {
  otelAgent: { name: 'OpenTelemetry agent (pilog pod logs → collector; DaemonSet)', cpuRequest: '20m', memoryRequestMiB: 48, memoryLimitMiB: 96 },
} as const satisfies Record<string, Omit<Component, 'node'>>;

/** The three Kafka pods share one node pool; they are spread over pi-2..pi-4 by anti-affinity, one each. */
const kafkaNodes = [components.kafka1, components.kafka2, components.kafka3];

export const resourcesOf = (component: Omit<Component, 'name' | 'node'>) => ({
  requests: { cpu: component.cpuRequest, memory: `${component.memoryRequestMiB}Mi` },
  limits: { memory: `${component.memoryLimitMiB}Mi` },
});
export const pinnedTo = (node: NodeName) => ({ 'kubernetes.io/arch': 'arm64', 'pilog.dev/node': node });

/** Strimzi pods take no nodeSelector, only an affinity: this one pins a pod to a node like `pinnedTo`. */
const pinnedAffinity = (node: NodeName) => ({
  nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'pilog.dev/node', operator: 'In', values: [node] }] }] } },
});

/** Versions the platform is pinned to; bump them deliberately, one at a time. */
export const versions = {
  knativeOperator: 'v1.22.3',
  knative: '1.22',
  strimzi: '0.47.0',
  /** Kafka 3.9: the line the Kafka client is tested against (the test services run 3.9). */
  kafka: '3.9.1',
  kafkaMetadata: '3.9-IV0',
  mysqlChart: '3.1.3',
  mysqlImage: '8.4',
  redisChart: '2.1.4',
  redisImage: '7.4-alpine',
  openSearchChart: '2.32.0',
  openSearchImage: '2.19.1',
  otelCollectorChart: '0.127.2',
  kubePrometheusStackChart: '75.15.0',
  lokiChart: '6.29.0',
  tempoChart: '1.23.3',
} as const;

/** Where Argo CD finds this repository; a fork changes it and re-runs `npm run manifests`. */
export const gitRepository = { url: 'https://github.com/pilog/pilog.git', revision: 'main' } as const;

export const storageClass = 'local-path';

interface AppSpec {
  readonly name: string;
  readonly namespace: string;
  readonly wave: number;
  readonly source: Record<string, unknown>;
  readonly serverSideApply?: boolean;
}

/** An Argo CD Application, synced automatically (prune + self-heal), ordered by sync wave. */
export function application(spec: AppSpec): KubeObject {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: {
      name: spec.name,
      namespace: 'argocd',
      annotations: { 'argocd.argoproj.io/sync-wave': String(spec.wave) },
      finalizers: ['resources-finalizer.argocd.argoproj.io'],
    },
    spec: {
      project: 'default',
      source: spec.source,
      destination: { server: 'https://kubernetes.default.svc', namespace: spec.namespace },
      syncPolicy: {
        automated: { prune: true, selfHeal: true },
        syncOptions: ['CreateNamespace=true', ...(spec.serverSideApply ? ['ServerSideApply=true'] : [])],
        retry: { limit: 5, backoff: { duration: '10s', factor: 2, maxDuration: '5m' } },
      },
    },
  };
}

const gitPath = (path: string) => ({ repoURL: gitRepository.url, targetRevision: gitRepository.revision, path });
export const chart = (repoURL: string, name: string, targetRevision: string, valuesObject: Record<string, unknown>) => ({
  repoURL,
  chart: name,
  targetRevision,
  helm: { valuesObject },
});

/** The app of apps' children: operators first, then the platform they run, then pilog. */
export function applications(): KubeObject[] {
  return [
    application({
      name: 'knative-operator',
      namespace: 'knative-operator',
      wave: -3,
      source: chart('https://knative.github.io/operator', 'knative-operator', versions.knativeOperator, {
        knative_operator: { knative_operator: { nodeSelector: pinnedTo('pi-1') } },
      }),
      serverSideApply: true,
    }),
    application({
      name: 'strimzi',
      namespace: cluster.kafka.namespace,
      wave: -3,
      source: chart('https://strimzi.io/charts/', 'strimzi-kafka-operator', versions.strimzi, {
        watchNamespaces: [],
        resources: resourcesOf(components.strimzi),
        nodeSelector: pinnedTo(components.strimzi.node),
      }),
      serverSideApply: true,
    }),
    application({ name: 'knative', namespace: 'knative-serving', wave: -2, source: gitPath('gitops/platform/knative') }),
    application({ name: 'kafka', namespace: cluster.kafka.namespace, wave: -2, source: gitPath('gitops/platform/kafka') }),
    application({
      name: 'mysql',
      namespace: 'mysql',
      wave: -2,
      source: chart('https://groundhog2k.github.io/helm-charts/', 'mysql', versions.mysqlChart, {
        image: { tag: versions.mysqlImage },
        resources: resourcesOf(components.mysql),
        nodeSelector: pinnedTo(components.mysql.node),
        storage: { requestedSize: '10Gi', className: storageClass },
        customConfig: '[mysqld]\ninnodb_buffer_pool_size=512M\nperformance_schema=OFF\n',
        settings: { rootPassword: { secretKey: 'root-password', value: '' }, existingSecret: 'mysql-credentials' },
        userDatabase: { name: { value: 'pilog' }, user: { secretKey: 'user' }, password: { secretKey: 'password' }, existingSecret: 'mysql-credentials' },
      }),
    }),
    application({
      name: 'redis',
      namespace: 'redis',
      wave: -2,
      source: chart('https://groundhog2k.github.io/helm-charts/', 'redis', versions.redisChart, {
        image: { tag: versions.redisImage },
        resources: resourcesOf(components.redis),
        nodeSelector: pinnedTo(components.redis.node),
        haMode: { enabled: false },
        redisConfig: 'maxmemory 128mb\nmaxmemory-policy allkeys-lru\nsave ""\nappendonly no\n',
      }),
    }),
    application({
      name: 'opensearch',
      namespace: 'opensearch',
      wave: -2,
      source: chart('https://opensearch-project.github.io/helm-charts/', 'opensearch', versions.openSearchChart, {
        singleNode: true,
        image: { tag: versions.openSearchImage },
        opensearchJavaOpts: '-Xms768m -Xmx768m',
        resources: resourcesOf(components.openSearch),
        nodeSelector: pinnedTo(components.openSearch.node),
        persistence: { size: '10Gi', storageClass },
        // The cluster network is private; pilog talks plain HTTP to it (PILOG_OPENSEARCH_URL in pilog-secrets).
        config: { 'opensearch.yml': 'plugins.security.disabled: true\n' },
        extraEnvs: [{ name: 'DISABLE_INSTALL_DEMO_CONFIG', value: 'true' }, { name: 'DISABLE_SECURITY_PLUGIN', value: 'true' }],
      }),
    }),
    application({ name: 'pilog', namespace: cluster.namespace, wave: 0, source: gitPath('gitops/overlays/pi') }),
  ];
}

/**
 * Operator workload overrides for the deployments one component is made of, splitting its memory by weight so the
 * parts add up to exactly the component's budget. `[deployment, container, weight]`.
 */
function split(component: Component, parts: ReadonlyArray<readonly [string, string, number]>) {
  const total = parts.reduce((sum, [, , weight]) => sum + weight, 0);
  return parts.map(([name, container, weight]) => ({
    name,
    replicas: 1,
    nodeSelector: pinnedTo(component.node),
    resources: [
      {
        container,
        requests: { memory: `${(component.memoryRequestMiB * weight) / total}Mi` },
        limits: { memory: `${(component.memoryLimitMiB * weight) / total}Mi` },
      },
    ],
  }));
}

/**
 * Knative through its operator: Serving with Kourier (cluster-local domain only: the gateway is the public door),
 * Eventing with the Kafka source, and the KafkaSink data plane for dead letters. Data-plane pods are trimmed to
 * one replica with Pi-sized resources; scale-to-zero keeps idle functions at no cost.
 */
export function knativeObjects(manifests: readonly FunctionManifest[]): KubeObject[] {
  // Knative refuses a revision whose timeout exceeds this (default 600 s); long-lived connections may need more.
  const maxTimeout = Math.max(600, ...manifests.map((manifest) => manifest.scaling.timeoutSeconds));
  return [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'knative-serving' } },
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'knative-eventing' } },
    {
      apiVersion: 'operator.knative.dev/v1beta1',
      kind: 'KnativeServing',
      metadata: { name: 'knative-serving', namespace: 'knative-serving' },
      spec: {
        version: versions.knative,
        // ClusterIP: k3s's ServiceLB already gives ports 80/443 to Traefik, the one public door.
        ingress: { kourier: { enabled: true, 'service-type': 'ClusterIP' } },
        config: {
          network: { 'ingress-class': 'kourier.ingress.networking.knative.dev' },
          defaults: { 'max-revision-timeout-seconds': String(maxTimeout) },
          domain: { 'svc.cluster.local': '' },
          // The pi overlay pins functions to arm64 nodes with a nodeSelector, which Knative admits only with this on.
          features: { 'kubernetes.podspec-nodeselector': 'enabled' },
          autoscaler: { 'scale-to-zero-grace-period': '30s', 'scale-to-zero-pod-retention-period': '5m' },
          // Knative exports no metrics by default; the autoscaler's kn_revision_pods_count (scale-from-zero panel) is
          // scraped from its Prometheus endpoint by the ServiceMonitor in observability/monitors.ts.
          observability: { 'metrics-protocol': 'prometheus' },
          deployment: {
            'progress-deadline': '300s',
            'queue-sidecar-cpu-request': queueProxy.cpuRequest,
            'queue-sidecar-memory-request': `${queueProxy.memoryRequestMiB}Mi`,
            'queue-sidecar-memory-limit': `${queueProxy.memoryLimitMiB}Mi`,
          },
        },
        workloads: [
          ...split(components.knativeServing, [
            ['activator', 'activator', 1],
            ['autoscaler', 'autoscaler', 1],
            ['controller', 'controller', 1],
            ['webhook', 'webhook', 1],
          ]),
          ...split(components.kourier, [
            ['3scale-kourier-gateway', 'kourier-gateway', 1],
            ['net-kourier-controller', 'controller', 1],
          ]),
        ],
      },
    },
    {
      apiVersion: 'operator.knative.dev/v1beta1',
      kind: 'KnativeEventing',
      metadata: { name: 'knative-eventing', namespace: 'knative-eventing' },
      spec: {
        version: versions.knative,
        source: { kafka: { enabled: true } },
        additionalManifests: [
          { URL: `https://github.com/knative-extensions/eventing-kafka-broker/releases/download/knative-v${versions.knative}.0/eventing-kafka-sink.yaml` },
        ],
        workloads: [
          ...split(components.knativeEventing, [
            ['eventing-controller', 'eventing-controller', 2],
            ['eventing-webhook', 'eventing-webhook', 1],
            ['pingsource-mt-adapter', 'dispatcher', 1],
          ]),
          ...split(components.kafkaControlPlane, [
            ['kafka-controller', 'controller', 3],
            ['kafka-webhook-eventing', 'kafka-webhook-eventing', 1],
          ]),
          ...split(components.kafkaSourceDispatcher, [['kafka-source-dispatcher', 'kafka-source-dispatcher', 1]]),
          ...split(components.kafkaSinkReceiver, [['kafka-sink-receiver', 'kafka-sink-receiver', 1]]),
        ],
      },
    },
  ];
}

/** Kafka in KRaft mode: one pool of three combined controller+broker nodes, one per Pi (pi-2..pi-4). */
export function kafkaObjects(): KubeObject[] {
  const broker = components.kafka1;
  const labels = { 'strimzi.io/cluster': cluster.kafka.cluster };
  return [
    {
      apiVersion: 'kafka.strimzi.io/v1beta2',
      kind: 'KafkaNodePool',
      metadata: { name: 'combined', namespace: cluster.kafka.namespace, labels },
      spec: {
        replicas: kafkaNodes.length,
        roles: ['controller', 'broker'],
        storage: { type: 'jbod', volumes: [{ id: 0, type: 'persistent-claim', size: '20Gi', class: storageClass, deleteClaim: false, kraftMetadata: 'shared' }] },
        resources: resourcesOf(broker),
        jvmOptions: { '-Xms': '512m', '-Xmx': '512m' },
        template: {
          pod: {
            affinity: {
              nodeAffinity: {
                requiredDuringSchedulingIgnoredDuringExecution: {
                  nodeSelectorTerms: [{ matchExpressions: [{ key: 'pilog.dev/node', operator: 'In', values: kafkaNodes.map((k) => k.node) }] }],
                },
              },
              podAntiAffinity: {
                requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: labels } }],
              },
            },
          },
        },
      },
    },
    {
      apiVersion: 'kafka.strimzi.io/v1beta2',
      kind: 'Kafka',
      metadata: { name: cluster.kafka.cluster, namespace: cluster.kafka.namespace, annotations: { 'strimzi.io/node-pools': 'enabled', 'strimzi.io/kraft': 'enabled' } },
      spec: {
        kafka: {
          version: versions.kafka,
          metadataVersion: versions.kafkaMetadata,
          listeners: [{ name: 'plain', port: 9092, type: 'internal', tls: false }],
          config: {
            'offsets.topic.replication.factor': 3,
            'transaction.state.log.replication.factor': 3,
            'transaction.state.log.min.isr': 2,
            'default.replication.factor': 3,
            'min.insync.replicas': 2,
            'auto.create.topics.enable': false,
            'num.network.threads': 2,
            'num.io.threads': 4,
            'log.segment.bytes': 67_108_864,
          },
        },
        entityOperator: {
          topicOperator: { resources: resourcesOf(components.entityOperator) },
          template: { pod: { affinity: pinnedAffinity(components.entityOperator.node) } },
        },
        // Consumer-group lag for the dashboards (kafka_consumergroup_lag), scraped by a PodMonitor (observability/monitors.ts).
        kafkaExporter: {
          groupRegex: '.*',
          topicRegex: '.*',
          resources: resourcesOf(components.kafkaExporter),
          template: { pod: { affinity: pinnedAffinity(components.kafkaExporter.node) } },
        },
      },
    },
  ];
}
