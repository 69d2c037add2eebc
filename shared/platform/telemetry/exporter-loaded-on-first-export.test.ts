import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import { BasicTracerProvider, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logging/logger.ts';
import { exporterLoadedOnFirstExport, type Exporter } from './exporter-loaded-on-first-export.ts';
import { otlpTraceExporter } from './otlp-exporters.ts';

const spans = (name: string): ReadableSpan[] => {
  const span = new BasicTracerProvider().getTracer('exporter-test').startSpan(name);
  span.end();
  return [span as unknown as ReadableSpan];
};

/** A collector stand-in answering each OTLP/HTTP request with `status` (400 is not retried by the exporter). */
async function startCollector(): Promise<{ endpoint: string; status: number; received: number; close(): Promise<void> }> {
  const collector = {
    endpoint: '',
    status: 200,
    received: 0,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = createServer((req, res) => {
    req.resume().on('end', () => {
      if (collector.status === 200) collector.received += 1;
      res.writeHead(collector.status, { 'Content-Type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  collector.endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return collector;
}

describe('an exporter loaded on its first export, when loading or exporting fails', () => {
  let collector: Awaited<ReturnType<typeof startCollector>>;
  const lines: string[] = [];
  const logger = createLogger({ sink: { write: (line) => lines.push(line) } });
  const reportFailure = (error: Error) => logger.warn('telemetry export failed', { error: error.message });
  beforeAll(async () => (collector = await startCollector()));
  afterAll(() => collector.close());

  const exportOnce = (exporter: Exporter<ReadableSpan[]>, name: string) =>
    new Promise<ExportResult>((resolve) => exporter.export(spans(name), resolve));

  it('answers FAILED when the exporter does not load, logs it once without the secret, and loads again on the next export', async () => {
    lines.length = 0;
    let loads = 0;
    const exporter = exporterLoadedOnFirstExport(async () => {
      loads += 1;
      if (loads <= 2) throw new Error('cannot load the exporter chunk from https://pilog:s3cret@registry.example/chunk.js');
      return otlpTraceExporter(collector.endpoint);
    }, reportFailure);
    const first = await exportOnce(exporter, 'first');
    expect(first).toMatchObject({ code: ExportResultCode.FAILED, error: expect.any(Error) });
    await expect(exporter.forceFlush()).resolves.toBeUndefined();
    expect((await exportOnce(exporter, 'second')).code).toBe(ExportResultCode.FAILED);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('cannot load the exporter chunk');
    expect(lines[0]).not.toContain('s3cret');
    const received = collector.received;
    expect((await exportOnce(exporter, 'third')).code).toBe(ExportResultCode.SUCCESS);
    expect([loads, collector.received - received]).toEqual([3, 1]);
    await exporter.shutdown();
  });

  it('answers FAILED while the collector refuses, logs the first failure of each outage, and exports again once it takes them', async () => {
    lines.length = 0;
    const exporter = exporterLoadedOnFirstExport(async () => otlpTraceExporter(collector.endpoint), reportFailure);
    collector.status = 400;
    const results = [await exportOnce(exporter, 'refused 1'), await exportOnce(exporter, 'refused 2')];
    expect(results.map((result) => result.code)).toEqual([ExportResultCode.FAILED, ExportResultCode.FAILED]);
    expect(lines).toHaveLength(1);
    collector.status = 200;
    expect((await exportOnce(exporter, 'taken')).code).toBe(ExportResultCode.SUCCESS);
    collector.status = 400;
    expect((await exportOnce(exporter, 'refused again')).code).toBe(ExportResultCode.FAILED);
    expect(lines).toHaveLength(2);
    collector.status = 200;
    await exporter.shutdown();
  });

  it('has nothing to flush or shut down before its first export', async () => {
    let loads = 0;
    const exporter = exporterLoadedOnFirstExport(async () => (loads += 1, otlpTraceExporter(collector.endpoint)), reportFailure);
    await exporter.forceFlush();
    await exporter.shutdown();
    expect(loads).toBe(0);
  });
});
