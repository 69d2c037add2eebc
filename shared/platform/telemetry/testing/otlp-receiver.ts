import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

/** One span as a process exported it over OTLP/HTTP (JSON encoding). */
export interface ReceivedSpan {
  readonly service: string;
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId: string;
  readonly name: string;
  readonly kind: number;
  readonly durationMs: number;
  readonly startNs: bigint;
  readonly attributes: Readonly<Record<string, unknown>>;
  /** Trace ids of the spans it links to. */
  readonly links: readonly string[];
}

/** One data point of an exported metric: a sum or gauge value, or a histogram's count and sum. */
export interface ReceivedPoint {
  readonly service: string;
  readonly metric: string;
  readonly attributes: Readonly<Record<string, unknown>>;
  readonly value?: number;
  readonly count?: number;
  readonly sum?: number;
}

type AnyValue = { stringValue?: string; intValue?: string | number; doubleValue?: number; boolValue?: boolean };
type KeyValue = { key: string; value: AnyValue };

const valueOf = (value: AnyValue): unknown => value.stringValue ?? (value.intValue !== undefined ? Number(value.intValue) : (value.doubleValue ?? value.boolValue));
const attributesOf = (list: readonly KeyValue[] = []): Record<string, unknown> => Object.fromEntries(list.map(({ key, value }) => [key, valueOf(value)]));
const serviceOf = (resource: { attributes?: KeyValue[] } | undefined): string => String(attributesOf(resource?.attributes)['service.name'] ?? '');

interface TraceRequest {
  resourceSpans?: Array<{ resource?: { attributes?: KeyValue[] }; scopeSpans?: Array<{ spans?: Array<Record<string, unknown>> }> }>;
}
type Point = { attributes?: KeyValue[]; asInt?: string | number; asDouble?: number; count?: string | number; sum?: number };
interface MetricsRequest {
  resourceMetrics?: Array<{
    resource?: { attributes?: KeyValue[] };
    scopeMetrics?: Array<{ metrics?: Array<{ name: string } & Partial<Record<'sum' | 'gauge' | 'histogram', { dataPoints?: Point[] }>>> }>;
  }>;
}

function spansOf(request: TraceRequest): ReceivedSpan[] {
  return (request.resourceSpans ?? []).flatMap((resourceSpans) =>
    (resourceSpans.scopeSpans ?? []).flatMap((scope) =>
      (scope.spans ?? []).map((span) => {
        const startNs = BigInt(String(span.startTimeUnixNano));
        const endNs = BigInt(String(span.endTimeUnixNano));
        return {
          service: serviceOf(resourceSpans.resource),
          traceId: String(span.traceId),
          spanId: String(span.spanId),
          parentSpanId: String(span.parentSpanId ?? ''),
          name: String(span.name),
          kind: Number(span.kind),
          startNs,
          durationMs: Number(endNs - startNs) / 1e6,
          attributes: attributesOf(span.attributes as KeyValue[]),
          links: ((span.links ?? []) as Array<{ traceId: string }>).map((link) => String(link.traceId)),
        };
      }),
    ),
  );
}

function pointsOf(request: MetricsRequest): ReceivedPoint[] {
  return (request.resourceMetrics ?? []).flatMap((resourceMetrics) =>
    (resourceMetrics.scopeMetrics ?? []).flatMap((scope) =>
      (scope.metrics ?? []).flatMap((metric) => {
        const data = metric.histogram ?? metric.sum ?? metric.gauge;
        return (data?.dataPoints ?? []).map((point) => ({
          service: serviceOf(resourceMetrics.resource),
          metric: metric.name,
          attributes: attributesOf(point.attributes),
          ...(metric.histogram ? { count: Number(point.count), sum: Number(point.sum) } : { value: Number(point.asInt ?? point.asDouble) }),
        }));
      }),
    ),
  );
}

/**
 * An OTLP/HTTP receiver for tests, in place of the collector: takes `/v1/traces` and `/v1/metrics` in the JSON
 * encoding the `-otlp-http` exporters send, and keeps what arrived.
 */
export async function startOtlpReceiver(): Promise<{ endpoint: string; spans: ReceivedSpan[]; points: ReceivedPoint[]; close(): Promise<void> }> {
  const spans: ReceivedSpan[] = [];
  const points: ReceivedPoint[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const body = JSON.parse((req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8')) as unknown;
      if (req.url === '/v1/traces') spans.push(...spansOf(body as TraceRequest));
      else if (req.url === '/v1/metrics') points.push(...pointsOf(body as MetricsRequest));
      else return void res.writeHead(404).end();
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    spans,
    points,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** One trace as an indented tree, each line `span name  service  duration`, children in start order. */
export function traceTree(spans: readonly ReceivedSpan[], traceId: string): string {
  const inTrace = spans.filter((span) => span.traceId === traceId).sort((a, b) => (a.startNs < b.startNs ? -1 : 1));
  const ids = new Set(inTrace.map((span) => span.spanId));
  const lines: string[] = [];
  const walk = (parent: string, depth: number): void => {
    for (const span of inTrace.filter((candidate) => (parent === '' ? !ids.has(candidate.parentSpanId) : candidate.parentSpanId === parent))) {
      lines.push(`${`${'  '.repeat(depth)}${span.name}`.padEnd(64)} ${span.service.padEnd(24)} ${span.durationMs.toFixed(1).padStart(8)} ms`);
      walk(span.spanId, depth + 1);
    }
  };
  walk('', 0);
  return lines.join('\n');
}
