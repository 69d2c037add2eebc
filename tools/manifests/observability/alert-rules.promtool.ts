/**
 * The `promtool test rules` file for alert-rules.ts: for every alert, series that fire it and series that must not.
 * Written as data here (stringified to YAML by the test) so alert names cannot drift from the rules.
 */
const page = { severity: 'page' };
const ticket = { severity: 'ticket' };
const deliveries = (consumer: string, outcome: string) => `pilog_event_deliveries_total{pilog_consumer="${consumer}", pilog_outcome="${outcome}", service_name="${consumer}"}`;
const requests = (fn: string, status: number) => `http_server_request_duration_seconds_count{service_name="${fn}", http_route="/x", http_response_status_code="${status}"}`;
const topicOffset = (topic: string, partition: number, exporterPod: string, values: string) => ({
  series: `kafka_topic_partition_current_offset{topic="${topic}", partition="${partition}", pod="${exporterPod}"}`,
  values,
});
const pilogPod = (metric: string, pod: string, labels: string, values: string) => ({ series: `${metric}{namespace="pilog", pod="${pod}"${labels}}`, values });
/** kube_pod_labels of a Knative revision's pod (kube-state-metrics with the `serving.knative.dev/service` label allowed). */
const knativePod = (fn: string, pod: string) => pilogPod('kube_pod_labels', pod, `, label_serving_knative_dev_service="${fn}"`, '1x20');
const lagBuckets = (counts: Record<string, string>) => Object.entries(counts).map(([le, values]) => ({ series: `pilog_search_index_lag_seconds_bucket{le="${le}"}`, values }));

export const promtoolTests = {
  evaluation_interval: '1m',
  tests: [
    {
      interval: '1m',
      input_series: [
        { series: 'pilog_outbox_oldest_age_seconds{service_name="events-sweep-outbox"}', values: '0 60 110 150 200 20 0' },
        // Dead letters: one consumer's counter grows; another's series appears only at minute 5 (a new process).
        { series: deliveries('search-index-articles', 'dead_lettered'), values: '1 1 2x20' },
        { series: deliveries('comment-track-articles', 'dead_lettered'), values: '_ _ _ _ _ 1x20' },
        { series: deliveries('seo-track-articles', 'handled'), values: '1+1x25' },
        // 5xx: blog-read-articles 2 of 102 requests (1.96 %), seo-serve-feeds 1 of 201 (0.5 %).
        { series: requests('blog-read-articles', 200), values: '0+100x20' },
        { series: requests('blog-read-articles', 503), values: '0+2x20' },
        { series: requests('seo-serve-feeds', 200), values: '0+200x20' },
        { series: requests('seo-serve-feeds', 500), values: '0+1x20' },
        // Crash loop: one pilog pod waits in CrashLoopBackOff; another restarted once; a Kafka pod restarts a lot.
        { series: 'kube_pod_container_status_waiting_reason{namespace="pilog", pod="search-index-articles-00001-deployment-x", container="user-container", reason="CrashLoopBackOff"}', values: '0 0 1x20' },
        { series: 'kube_pod_container_status_restarts_total{namespace="pilog", pod="blog-read-articles-00001-deployment-y", container="user-container"}', values: '0 0 1x20' },
        { series: 'kube_pod_container_status_restarts_total{namespace="kafka", pod="pilog-kafka-0", container="kafka"}', values: '0+1x20' },
        knativePod('search-index-articles', 'search-index-articles-00001-deployment-x'),
        knativePod('blog-read-articles', 'blog-read-articles-00001-deployment-y'),
        // A failing revision of comment-track-articles: Knative replaces each pod after one restart (3 in 15 minutes).
        ...['a', 'b', 'c'].flatMap((pod, i) => [
          knativePod('comment-track-articles', `comment-track-articles-00002-deployment-${pod}`),
          pilogPod('kube_pod_container_status_restarts_total', `comment-track-articles-00002-deployment-${pod}`, ', container="user-container"', `${'_ '.repeat(i + i)}0 1x20`),
        ]),
        // A revision of seo-serve-feeds never becomes ready; a seo-generate-feeds pod is not ready for a minute while
        // it drains; a finished Job's pod (no Knative Service) stays not ready.
        knativePod('seo-serve-feeds', 'seo-serve-feeds-00003-deployment-z'),
        pilogPod('kube_pod_status_ready', 'seo-serve-feeds-00003-deployment-z', ', condition="false"', '0 0 1x20'),
        knativePod('seo-generate-feeds', 'seo-generate-feeds-00001-deployment-w'),
        pilogPod('kube_pod_status_ready', 'seo-generate-feeds-00001-deployment-w', ', condition="false"', '0 0 1 0x20'),
        pilogPod('kube_pod_status_ready', 'pilog-export-29000000-q', ', condition="false"', '1x20'),
        // memo-purge-sandbox's latest revision failed and its pods are gone (scaled to zero): only its Configuration says so.
        pilogPod('kube_knative_configuration_condition', 'kube-state-metrics-0', ', kn_service_name="memo-purge-sandbox", type="Ready"', '1 1 0x20'),
        pilogPod('kube_knative_configuration_condition', 'kube-state-metrics-0', ', kn_service_name="memo-purge-sandbox", type="ConfigurationsReady"', '1 1 0x20'),
        pilogPod('kube_knative_configuration_condition', 'kube-state-metrics-0', ', kn_service_name="blog-read-articles", type="Ready"', '1x20'),
        // That Job's container restarts three times (no Knative Service: only the per-pod count sees it).
        pilogPod('kube_pod_container_status_restarts_total', 'pilog-export-29000000-q', ', container="export"', '0 1 2 3x20'),
      ],
      alert_rule_test: [
        { eval_time: '2m', alertname: 'PilogOutboxStuck', exp_alerts: [] },
        {
          eval_time: '3m',
          alertname: 'PilogOutboxStuck',
          exp_alerts: [{ exp_labels: page, exp_annotations: { summary: 'The oldest unpublished outbox row is 2m 30s old (over 2 minutes): events are not reaching Kafka.' } }],
        },
        { eval_time: '5m', alertname: 'PilogOutboxStuck', exp_alerts: [] },
        {
          eval_time: '3m',
          alertname: 'PilogDeadLetter',
          exp_alerts: [{ exp_labels: { ...ticket, pilog_consumer: 'search-index-articles' }, exp_annotations: { summary: 'Consumer search-index-articles dead-lettered events in the last 10 minutes.' } }],
        },
        {
          eval_time: '13m',
          alertname: 'PilogDeadLetter',
          exp_alerts: [{ exp_labels: { ...ticket, pilog_consumer: 'comment-track-articles' }, exp_annotations: { summary: 'Consumer comment-track-articles dead-lettered events in the last 10 minutes.' } }],
        },
        { eval_time: '17m', alertname: 'PilogDeadLetter', exp_alerts: [] },
        { eval_time: '4m', alertname: 'PilogHighErrorRatio', exp_alerts: [] },
        {
          eval_time: '12m',
          alertname: 'PilogHighErrorRatio',
          exp_alerts: [{ exp_labels: { ...page, service_name: 'blog-read-articles' }, exp_annotations: { summary: 'blog-read-articles answers 1.961% of its requests with 5xx (over 1 % for 5 minutes).' } }],
        },
        { eval_time: '4m', alertname: 'PilogFunctionCrashLooping', exp_alerts: [] },
        {
          eval_time: '10m',
          alertname: 'PilogFunctionCrashLooping',
          exp_alerts: [
            {
              exp_labels: { ...page, pod: 'search-index-articles-00001-deployment-x', container: 'user-container' },
              exp_annotations: { summary: 'Pod search-index-articles-00001-deployment-x (user-container) is crash-looping.' },
            },
            {
              exp_labels: { ...page, pod: 'pilog-export-29000000-q', container: 'export' },
              exp_annotations: { summary: 'Pod pilog-export-29000000-q (export) is crash-looping.' },
            },
            {
              exp_labels: { ...page, kn_service_name: 'comment-track-articles' },
              exp_annotations: { summary: 'Function comment-track-articles is crash-looping or its revision does not become ready.' },
            },
            {
              exp_labels: { ...page, kn_service_name: 'seo-serve-feeds' },
              exp_annotations: { summary: 'Function seo-serve-feeds is crash-looping or its revision does not become ready.' },
            },
            {
              exp_labels: { ...page, kn_service_name: 'memo-purge-sandbox' },
              exp_annotations: { summary: 'Function memo-purge-sandbox is crash-looping or its revision does not become ready.' },
            },
          ],
        },
      ],
    },
    {
      // Dead-letter topics: seo-track-articles' gets a message at minute 3 (retries ran out: pilog's counter never
      // moved); its exporter restarts at minute 5 (new series, same offset); an event topic grows all the time.
      interval: '1m',
      input_series: [
        topicOffset('pilog.dead-letter.seo-track-articles', 0, 'exporter-a', '3 3 3 4 4'),
        topicOffset('pilog.dead-letter.seo-track-articles', 0, 'exporter-b', '_ _ _ _ _ 4x20'),
        topicOffset('pilog.dead-letter.seo-track-articles', 1, 'exporter-a', '7 7 7 7 7'),
        topicOffset('pilog.dead-letter.seo-track-articles', 1, 'exporter-b', '_ _ _ _ _ 7x20'),
        topicOffset('pilog.dead-letter.search-index-articles', 0, 'exporter-a', '2 2 2 2 2'),
        topicOffset('pilog.dead-letter.search-index-articles', 0, 'exporter-b', '_ _ _ _ _ 2x20'),
        topicOffset('pilog.blog.article', 0, 'exporter-a', '0+5x4'),
        topicOffset('pilog.blog.article', 0, 'exporter-b', '_ _ _ _ _ 25+5x20'),
      ],
      alert_rule_test: [
        { eval_time: '2m', alertname: 'PilogDeadLetter', exp_alerts: [] },
        {
          eval_time: '4m',
          alertname: 'PilogDeadLetter',
          exp_alerts: [{ exp_labels: { ...ticket, pilog_consumer: 'seo-track-articles' }, exp_annotations: { summary: 'Consumer seo-track-articles dead-lettered events in the last 10 minutes.' } }],
        },
        { eval_time: '14m', alertname: 'PilogDeadLetter', exp_alerts: [] },
      ],
    },
    {
      // A dead-letter topic created by its first message between two scrapes (minute 12, offset 1 at once): no earlier
      // sample to grow from. Another appears empty (pre-created). The exporter reports an event topic all along.
      interval: '1m',
      input_series: [
        topicOffset('pilog.blog.article', 0, 'exporter-a', '0+5x30'),
        topicOffset('pilog.dead-letter.comment-track-authors', 0, 'exporter-a', '_x12 1x18'),
        topicOffset('pilog.dead-letter.seo-track-articles', 0, 'exporter-a', '_x12 0x18'),
      ],
      alert_rule_test: [
        { eval_time: '11m', alertname: 'PilogDeadLetter', exp_alerts: [] },
        {
          eval_time: '13m',
          alertname: 'PilogDeadLetter',
          exp_alerts: [{ exp_labels: { ...ticket, pilog_consumer: 'comment-track-authors' }, exp_annotations: { summary: 'Consumer comment-track-authors dead-lettered events in the last 10 minutes.' } }],
        },
        {
          eval_time: '21m',
          alertname: 'PilogDeadLetter',
          exp_alerts: [{ exp_labels: { ...ticket, pilog_consumer: 'comment-track-authors' }, exp_annotations: { summary: 'Consumer comment-track-authors dead-lettered events in the last 10 minutes.' } }],
        },
        { eval_time: '23m', alertname: 'PilogDeadLetter', exp_alerts: [] },
      ],
    },
    {
      // Every article searchable 5–10 s after its event: p99 9.95 s.
      interval: '1m',
      input_series: lagBuckets({ '1': '0x20', '5': '0x20', '10': '0+10x20', '+Inf': '0+10x20' }),
      alert_rule_test: [
        { eval_time: '4m', alertname: 'PilogIndexLagHigh', exp_alerts: [] },
        {
          eval_time: '12m',
          alertname: 'PilogIndexLagHigh',
          exp_alerts: [{ exp_labels: ticket, exp_annotations: { summary: 'p99 publish-to-searchable lag is 9.95s (over 5 s for 5 minutes).' } }],
        },
      ],
    },
    {
      // Every article searchable within a second: no alert.
      interval: '1m',
      input_series: lagBuckets({ '1': '0+10x20', '5': '0+10x20', '10': '0+10x20', '+Inf': '0+10x20' }),
      alert_rule_test: [{ eval_time: '12m', alertname: 'PilogIndexLagHigh', exp_alerts: [] }],
    },
  ],
};
