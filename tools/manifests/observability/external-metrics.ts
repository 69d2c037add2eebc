/**
 * Series pilog does not export but dashboards and alerts need. Each comes from a platform exporter scraped by
 * Prometheus (see monitors.ts); these and the catalog's series are the only names a query may use.
 */
export const externalMetrics = {
  /**
   * Knative Serving autoscaler (OpenTelemetry `kn.revision.pods.count`): its Prometheus endpoint (:9090), on because
   * KnativeServing sets `metrics-protocol: prometheus` (platform.ts).
   */
  knativeRevisionPods: 'kn_revision_pods_count',
  /** Strimzi Kafka Exporter (`spec.kafkaExporter` of the Kafka resource): messages a consumer group is behind, per partition. */
  kafkaConsumerGroupLag: 'kafka_consumergroup_lag',
  /** kube-state-metrics (kube-prometheus-stack): container restarts, the crash-loop signal. */
  containerRestarts: 'kube_pod_container_status_restarts_total',
  /** kube-state-metrics: why a container waits (`reason="CrashLoopBackOff"`). */
  containerWaitingReason: 'kube_pod_container_status_waiting_reason',
} as const;

/** Knative's label with the Knative Service (= pilog function) name on its revision metrics. */
export const knativeServiceLabel = 'kn_service_name';
