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
  /**
   * Strimzi Kafka Exporter: a partition's high watermark (`topic`, `partition` labels). On a dead-letter topic it
   * grows by one for every dead letter the KafkaSink wrote: refused by the function (400) or out of retries (5xx).
   */
  kafkaTopicOffset: 'kafka_topic_partition_current_offset',
  /** kube-state-metrics (kube-prometheus-stack): container restarts, the crash-loop signal. */
  containerRestarts: 'kube_pod_container_status_restarts_total',
  /** kube-state-metrics: why a container waits (`reason="CrashLoopBackOff"`). */
  containerWaitingReason: 'kube_pod_container_status_waiting_reason',
  /** kube-state-metrics: a pod's Ready condition (`condition="true|false|unknown"`). */
  podReady: 'kube_pod_status_ready',
  /** kube-state-metrics: a pod's labels, only those allowed by `metricLabelsAllowlist` (apps.ts), as `label_<name>`. */
  podLabels: 'kube_pod_labels',
  /**
   * kube-state-metrics' custom-resource metrics (`knativeConfigurationConditions`, apps.ts): each condition of a
   * function's Knative Configuration (`type` label, 1 True, 0 False), `kn_service_name` its name (the Service's). Ready
   * is False while the latest created revision cannot become ready, also after Knative scaled its failed pods away.
   */
  knativeConfigurationCondition: 'kube_knative_configuration_condition',
} as const;

/** The pod label Knative puts on a revision's pods, naming its Knative Service (= pilog function). */
export const knativeServicePodLabel = 'serving.knative.dev/service';
/** That label on `kube_pod_labels`: kube-state-metrics prefixes `label_` and turns what PromQL refuses into `_`. */
export const knativeServiceOnPods = `label_${knativeServicePodLabel.replace(/[^a-zA-Z0-9_]/g, '_')}`;

/** Knative's label with the Knative Service (= pilog function) name on its revision metrics. */
export const knativeServiceLabel = 'kn_service_name';
