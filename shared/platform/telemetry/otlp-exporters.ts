import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';

/**
 * The OTLP/HTTP exporters (JSON; the collector takes both encodings), imported by telemetry.sdk.ts on the first
 * export only (exporter-loaded-on-first-export.ts), so they are a chunk of their own in a function's bundle.
 */
export const otlpTraceExporter = (otlpEndpoint: string) => new OTLPTraceExporter({ url: `${otlpEndpoint}/v1/traces` });
export const otlpMetricExporter = (otlpEndpoint: string) => new OTLPMetricExporter({ url: `${otlpEndpoint}/v1/metrics` });
