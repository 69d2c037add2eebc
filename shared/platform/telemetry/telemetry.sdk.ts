import { context, metrics, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { exporterLoadedOnFirstExport } from './exporter-loaded-on-first-export.ts';
import type { TelemetrySettings } from './telemetry-settings.ts';

const exporters = () => import('./otlp-exporters.ts');

/**
 * The SDK, from its lean packages rather than `@opentelemetry/sdk-node` (which loads every exporter, detector and
 * instrumentation it knows; measured in bench/cold-start.ts): a tracer provider batching spans to OTLP/HTTP, a
 * meter provider exporting periodically, the W3C trace-context propagator and AsyncLocalStorage for the active span.
 * The OTLP exporters load on their first export, after the first answer (otlp-exporters.ts). Metrics are cumulative,
 * the reader's default and what the collector's Prometheus exporter takes (so the OTLP exporter's
 * OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE does not apply). A failed export is reported once per outage
 * (exporter-loaded-on-first-export.ts), the SDK itself logging nothing.
 */
export function startTelemetrySdk(
  settings: TelemetrySettings,
  serviceName: string,
  onExportFailure: (signal: 'traces' | 'metrics', error: Error) => void,
): { shutdown(): Promise<void> } {
  const resource = resourceFromAttributes({ 'service.name': serviceName, 'faas.name': serviceName });
  const tracerProvider = new BasicTracerProvider({
    resource,
    spanProcessors: [
      new BatchSpanProcessor(
        exporterLoadedOnFirstExport(async () => (await exporters()).otlpTraceExporter(settings.otlpEndpoint), (error) => onExportFailure('traces', error)),
        { scheduledDelayMillis: 1000 },
      ),
    ],
  });
  const meterProvider = new MeterProvider({
    resource,
    readers: [
      new PeriodicExportingMetricReader({
        exporter: exporterLoadedOnFirstExport(async () => (await exporters()).otlpMetricExporter(settings.otlpEndpoint), (error) => onExportFailure('metrics', error)),
        exportIntervalMillis: settings.metricExportIntervalMs,
        exportTimeoutMillis: Math.min(settings.metricExportIntervalMs, 30_000),
      }),
    ],
  });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(tracerProvider);
  metrics.setGlobalMeterProvider(meterProvider);
  return {
    async shutdown() {
      await Promise.allSettled([tracerProvider.shutdown(), meterProvider.shutdown()]);
    },
  };
}
