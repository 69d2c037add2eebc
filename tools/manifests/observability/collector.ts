import { cluster } from '../cluster.ts';
import { components, everyNode, pinnedTo, resourcesOf } from '../platform.ts';
import { endpoints } from './endpoints.ts';

const processors = ['memory_limiter', 'k8sattributes', 'batch'];
/** The chart's default ports that neither the collector nor the agent uses. */
const unusedChartPorts = { 'jaeger-compact': { enabled: false }, 'jaeger-thrift': { enabled: false }, 'jaeger-grpc': { enabled: false }, zipkin: { enabled: false } };

const pipeline = (exporter: string) => ({ receivers: ['otlp'], processors, exporters: [exporter] });

/**
 * Helm values of the opentelemetry-collector chart: OTLP in (gRPC and HTTP); traces to Tempo, metrics to the
 * Prometheus exporter that Prometheus scrapes, logs to Loki's OTLP endpoint. memory_limiter first (refuses data
 * before the pod reaches its memory limit), then k8sattributes (the chart's preset, with its RBAC: the sending pod,
 * found by the connection's IP, adds `k8s.pod.name` and friends, so two replicas of a function never share a series),
 * then batch. Helm merges these into the chart's defaults; `null`
 * removes the default receivers and ports pilog does not use.
 */
export function collectorValues(): Record<string, unknown> {
  return {
    mode: 'deployment',
    image: { repository: 'otel/opentelemetry-collector-contrib' },
    presets: { kubernetesAttributes: { enabled: true } },
    resources: resourcesOf(components.otelCollector),
    nodeSelector: pinnedTo(components.otelCollector.node),
    ports: {
      ...unusedChartPorts,
      'prom-exporter': { enabled: true, containerPort: endpoints.collectorPrometheusPort, servicePort: endpoints.collectorPrometheusPort, protocol: 'TCP' },
    },
    config: {
      receivers: {
        jaeger: null,
        zipkin: null,
        prometheus: null,
        otlp: { protocols: { grpc: { endpoint: '${env:MY_POD_IP}:4317' }, http: { endpoint: '${env:MY_POD_IP}:4318' } } },
      },
      processors: {
        // Percentages of the container's memory limit (256 MiB): refuse data above ~205 MiB, spikes of ~64 MiB.
        memory_limiter: { check_interval: '1s', limit_percentage: 80, spike_limit_percentage: 25 },
        batch: { send_batch_size: 512, send_batch_max_size: 1024, timeout: '5s' },
      },
      exporters: {
        'otlp/tempo': { endpoint: endpoints.tempoOtlpGrpc, tls: { insecure: true } },
        prometheus: {
          endpoint: `\${env:MY_POD_IP}:${endpoints.collectorPrometheusPort}`,
          // service.name (the function) becomes the label service_name; see docs/deploy.md §14.
          resource_to_telemetry_conversion: { enabled: true },
          // Functions scale to zero: a process's series disappear 10 minutes after its last export.
          metric_expiration: '10m',
        },
        'otlphttp/loki': { endpoint: endpoints.lokiOtlp },
      },
      service: {
        pipelines: { traces: pipeline('otlp/tempo'), metrics: pipeline('prometheus'), logs: pipeline('otlphttp/loki') },
      },
    },
  };
}


/**
 * Helm values of the same chart as a DaemonSet: pilog's functions log JSON lines to stdout, so the agent on each
 * node tails the pods' log files of the pilog namespace (the chart's logsCollection preset: filelog with the
 * container parser, offsets checkpointed on the node), parses the JSON, lifts `trace_id`/`span_id` into the log
 * record's trace context, and sends OTLP to the collector, whose logs pipeline writes to Loki.
 */
export function agentValues(): Record<string, unknown> {
  return {
    mode: 'daemonset',
    image: { repository: 'otel/opentelemetry-collector-contrib' },
    presets: { logsCollection: { enabled: true, includeCollectorLogs: false, storeCheckpoints: true } },
    resources: resourcesOf(everyNode.otelAgent),
    nodeSelector: { 'kubernetes.io/arch': 'arm64' },
    // Pod log files on the node are readable by root only.
    securityContext: { runAsUser: 0, runAsGroup: 0 },
    ports: { ...unusedChartPorts, otlp: { enabled: false }, 'otlp-http': { enabled: false } },
    config: {
      receivers: {
        jaeger: null,
        zipkin: null,
        prometheus: null,
        otlp: null,
        filelog: {
          include: [`/var/log/pods/${cluster.namespace}_*/*/*.log`],
          operators: [
            { type: 'container', id: 'container-parser' },
            { type: 'json_parser', id: 'pilog-json', if: 'body matches "^[{]"', parse_from: 'body', parse_to: 'attributes' },
            { type: 'trace_parser', if: 'attributes.trace_id != nil', trace_id: { parse_from: 'attributes.trace_id' }, span_id: { parse_from: 'attributes.span_id' } },
          ],
        },
      },
      processors: { memory_limiter: { check_interval: '1s', limit_percentage: 80, spike_limit_percentage: 25 }, batch: {} },
      exporters: { 'otlp/collector': { endpoint: endpoints.collectorOtlpGrpc, tls: { insecure: true } } },
      service: {
        pipelines: {
          traces: null,
          metrics: null,
          logs: { receivers: ['filelog'], processors: ['memory_limiter', 'batch'], exporters: ['otlp/collector'] },
        },
      },
    },
  };
}
