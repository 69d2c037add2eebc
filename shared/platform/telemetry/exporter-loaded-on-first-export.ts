import { ExportResultCode, type ExportResult } from '@opentelemetry/core';

/** What the span and metric processors call on an exporter (SpanExporter and PushMetricExporter alike). */
export interface Exporter<Batch> {
  export(batch: Batch, done: (result: ExportResult) => void): void;
  forceFlush?(): Promise<void>;
  shutdown(): Promise<void>;
}

const asError = (error: unknown): Error => (error instanceof Error ? error : new Error(String(error)));

/**
 * An exporter that imports and builds the real one (`load`) on its first export. The OTLP exporters and their
 * transformer are most of the SDK's code, and a function's first export comes after its first answer (the span batch
 * waits a second, metrics a minute), so their loading leaves the cold start. Until a batch arrived there is nothing
 * to flush or shut down.
 *
 * A failure (the chunk does not load, or the export fails) is answered FAILED to the SDK, which drops the batch, and
 * reported to `onFailure` once per run of failures: the first after a success (or the start) is reported, the rest
 * of a collector outage is not. A load that failed is tried again on the next export.
 */
export function exporterLoadedOnFirstExport<Batch>(load: () => Promise<Exporter<Batch>>, onFailure: (error: Error) => void): Required<Exporter<Batch>> {
  let loaded: Promise<Exporter<Batch>> | undefined;
  let failing = false;
  const reporting =
    (done: (result: ExportResult) => void) =>
    (result: ExportResult): void => {
      const failed = result.code === ExportResultCode.FAILED;
      if (failed && !failing) onFailure(result.error ?? new Error('export failed'));
      failing = failed;
      done(result);
    };
  const loadedExporter = async (): Promise<Exporter<Batch> | undefined> => loaded?.catch(() => undefined);
  return {
    export(batch, done) {
      const loading = (loaded ??= load());
      loading.then(
        (exporter) => exporter.export(batch, reporting(done)),
        (error: unknown) => {
          if (loaded === loading) loaded = undefined;
          reporting(done)({ code: ExportResultCode.FAILED, error: asError(error) });
        },
      );
    },
    async forceFlush() {
      await (await loadedExporter())?.forceFlush?.();
    },
    async shutdown() {
      await (await loadedExporter())?.shutdown();
    },
  };
}
