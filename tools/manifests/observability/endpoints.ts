export const observabilityNamespace = 'observability';

const inCluster = (service: string, port: number) => `${service}.${observabilityNamespace}.svc:${port}`;

/**
 * Where the observability services answer inside the cluster. Loki and Tempo are named by their charts'
 * fullnameOverride; the collector keeps its chart's name,
 * `otel-collector-opentelemetry-collector` (release + chart), which the functions' OTEL_EXPORTER_OTLP_ENDPOINT names.
 */
export const endpoints = {
  /** The collector's OTLP/gRPC receiver (the agent sends pod logs there). */
  collectorOtlpGrpc: inCluster('otel-collector-opentelemetry-collector', 4317),
  /** The collector's Prometheus exporter, scraped by Prometheus. */
  collectorPrometheusPort: 8889,
  tempoOtlpGrpc: inCluster('tempo', 4317),
  tempoQuery: `http://${inCluster('tempo', 3200)}`,
  /** Loki 3 takes OTLP logs natively; the collector's otlphttp exporter appends /v1/logs. */
  lokiOtlp: `http://${inCluster('loki', 3100)}/otlp`,
  lokiQuery: `http://${inCluster('loki', 3100)}`,
} as const;
