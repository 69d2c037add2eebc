import { ExportResultCode, type ExportResult } from '@opentelemetry/core';

/** What the span and metric processors call on an exporter (SpanExporter and PushMetricExporter alike). */
export interface Exporter<Batch> {
  export(batch: Batch, done: (result: ExportResult) => void): void;
  forceFlush?(): Promise<void>;
  shutdown(): Promise<void>;
}

/**
 * An exporter that imports and builds the real one (`load`) on its first export. The OTLP exporters and their
 * transformer are most of the SDK's code, and a function's first export comes after its first answer (the span batch
 * waits a second, metrics a minute), so their loading leaves the cold start. Until a batch arrived there is nothing
 * to flush or shut down.
 */
export function exporterLoadedOnFirstExport<Batch>(load: () => Promise<Exporter<Batch>>): Required<Exporter<Batch>> {
  let loaded: Promise<Exporter<Batch>> | undefined;
  return {
    export(batch, done) {
      (loaded ??= load()).then(
        (exporter) => exporter.export(batch, done),
        (error: unknown) => done({ code: ExportResultCode.FAILED, error: error instanceof Error ? error : new Error(String(error)) }),
      );
    },
    async forceFlush() {
      await (await loaded)?.forceFlush?.();
    },
    async shutdown() {
      await (await loaded)?.shutdown();
    },
  };
}
