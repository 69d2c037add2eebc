export const observabilityNamespace = 'observability';

const inCluster = (service: string, port: number) => `${service}.${observabilityNamespace}.svc:${port}`;

/** Where the observability services answer inside the cluster (the charts' fullnameOverride fixes the names). */
export const endpoints = {
  /** What functions send OTLP to (OTEL_EXPORTER_OTLP_ENDPOINT): the collector's OTLP/HTTP receiver. */
  collectorOtlpHttp: `http://${inCluster('otel-collector', 4318)}`,
  collectorOtlpGrpc: inCluster('otel-collector', 4317),
  /** The collector's Prometheus exporter, scraped by Prometheus. */
  collectorPrometheusPort: 8889,
  tempoOtlpGrpc: inCluster('tempo', 4317),
  tempoQuery: `http://${inCluster('tempo', 3200)}`,
  /** Loki 3 takes OTLP logs natively; the collector's otlphttp exporter appends /v1/logs. */
  lokiOtlp: `http://${inCluster('loki', 3100)}/otlp`,
  lokiQuery: `http://${inCluster('loki', 3100)}`,
} as const;
