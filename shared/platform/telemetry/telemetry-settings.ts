import { integer, oneOf, url } from '../config/setting.ts';

/**
 * Whether a process exports traces and metrics, and where to. On by default in the services profile (the cluster
 * runs a collector); off by default in the embedded one, where it costs nothing: only `@opentelemetry/api` loads.
 */
export const telemetrySettingsFor = (profile: 'embedded' | 'services') => ({
  telemetry: oneOf('PILOG_TELEMETRY', ['on', 'off'], {
    default: profile === 'services' ? 'on' : 'off',
    description: 'OpenTelemetry traces and metrics over OTLP/HTTP; off loads no SDK',
  }),
  otlpEndpoint: url('OTEL_EXPORTER_OTLP_ENDPOINT', {
    default: 'http://localhost:4318',
    description: 'OTLP/HTTP receiver (the collector); /v1/traces and /v1/metrics are appended',
  }),
  metricExportIntervalMs: integer('OTEL_METRIC_EXPORT_INTERVAL', 100, 3_600_000, { default: 60_000, description: 'ms between metric exports' }),
});

export interface TelemetrySettings {
  readonly telemetry: 'on' | 'off';
  readonly otlpEndpoint: string;
  readonly metricExportIntervalMs: number;
}
