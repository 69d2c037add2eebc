/**
 * The `promtool test rules` file for alert-rules.ts: for every alert, series that fire it and series that must not.
 * Written as data here (stringified to YAML by the test) so alert names cannot drift from the rules.
 */
const page = { severity: 'page' };
const ticket = { severity: 'ticket' };
const deliveries = (consumer: string, outcome: string) => `pilog_event_deliveries_total{pilog_consumer="${consumer}", pilog_outcome="${outcome}", service_name="${consumer}"}`;
const requests = (fn: string, status: number) => `http_server_request_duration_seconds_count{service_name="${fn}", http_route="/x", http_response_status_code="${status}"}`;
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
          ],
        },
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
