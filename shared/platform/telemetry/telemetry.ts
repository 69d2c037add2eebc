import { context, propagation, SpanKind, SpanStatusCode, trace, type Attributes, type Context, type Link, type Span } from '@opentelemetry/api';
import { instruments } from './instruments.ts';
import type { TelemetrySettings } from './telemetry-settings.ts';

/**
 * pilog's use of OpenTelemetry, through the API only: with telemetry off (no SDK registered) every span is skipped
 * before anything is allocated, so the edge and the event intake pay one boolean test. `openTelemetry` loads the SDK
 * (telemetry.sdk.ts) only when it is on, once per process.
 */
export interface Telemetry {
  /** Flushes what is buffered and stops exporting; the runtime calls it on SIGTERM, after the server drained. */
  shutdown(): Promise<void>;
}

/** Where telemetry says that exporting fails: the process's logger (which imports this module, hence only its shape). */
export interface TelemetryLog {
  warn(message: string, fields: Readonly<Record<string, unknown>>): void;
}

const noTelemetry: Telemetry = { shutdown: async () => {} };
let opened: Promise<Telemetry> | undefined;
let recording = false;

/** True once the SDK is registered: spans and metrics are recorded. */
export const telemetryOn = (): boolean => recording;

export const tracer = trace.getTracer('pilog');

/**
 * Opens telemetry for this process (the first call decides; later calls get the same). `serviceName`: the function,
 * or the dev host; `logger` hears of failed exports, once per outage.
 */
export function openTelemetry(settings: TelemetrySettings, serviceName: string, logger: TelemetryLog): Promise<Telemetry> {
  if (settings.telemetry === 'off') return Promise.resolve(noTelemetry);
  opened ??= import('./telemetry.sdk.ts').then(({ startTelemetrySdk }) => {
    const telemetry = startTelemetrySdk(settings, serviceName, (signal, error) =>
      logger.warn('telemetry export failed; dropping until the collector answers', { signal, otlpEndpoint: settings.otlpEndpoint, error: error.message }),
    );
    recording = true;
    return telemetry;
  });
  return opened;
}

let answered = false;

/** Records the cold start (process start to the first answered request or delivered event), once per process. */
export function noteFirstAnswer(): void {
  if (answered || !recording) return;
  answered = true;
  instruments.coldStart().record(performance.now() / 1000);
}

/** Marks a span failed with the error, for a thrown error or a 5xx. */
export function failSpan(span: Span, error?: unknown): void {
  if (error instanceof Error) span.recordException(error);
  span.setStatus({ code: SpanStatusCode.ERROR, ...(error instanceof Error ? { message: error.message } : {}) });
}

/**
 * Runs `work` inside a new span (a child of the active one, or of `parent`), ending it when `work` settles and
 * marking it failed if `work` throws. With telemetry off it is `work()`.
 */
export function inSpan<T>(
  name: string,
  attributes: Attributes,
  work: (span?: Span) => Promise<T>,
  options: { kind?: SpanKind; parent?: Context; links?: readonly Link[] } = {},
): Promise<T> {
  if (!recording) return work();
  const spanOptions = { attributes, kind: options.kind ?? SpanKind.INTERNAL, links: [...(options.links ?? [])] };
  return tracer.startActiveSpan(name, spanOptions, options.parent ?? context.active(), async (span) => {
    try {
      return await work(span);
    } catch (error) {
      failSpan(span, error);
      throw error;
    } finally {
      span.end();
    }
  });
}

/** The W3C trace context of the active span (`traceparent`, and `tracestate` when there is one), to store with an event. */
export function activeTraceContext(): Record<string, string> {
  const carrier: Record<string, string> = {};
  if (recording) propagation.inject(context.active(), carrier);
  return carrier;
}

/** The context a received `traceparent` (and `tracestate`) names, to parent a consumer's span on. */
export function contextOf(carrier: Readonly<Record<string, unknown>>): Context {
  return propagation.extract(context.active(), carrier, {
    keys: (c) => Object.keys(c),
    get: (c, key) => (typeof c[key] === 'string' ? (c[key] as string) : undefined),
  });
}

/** Links to the spans that wrote these events (their stored `traceparent`), for work done on a batch of them. */
export function linksOf(carriers: ReadonlyArray<Readonly<Record<string, unknown>>>): Link[] {
  return carriers.flatMap((carrier) => {
    const linked = trace.getSpanContext(contextOf(carrier));
    return linked ? [{ context: linked }] : [];
  });
}

/** `trace_id` and `span_id` of the active span, for a log line; empty outside a span. */
export function activeSpanIds(): { trace_id: string; span_id: string } | undefined {
  if (!recording) return undefined;
  const span = trace.getActiveSpan();
  if (!span) return undefined;
  const { traceId, spanId } = span.spanContext();
  return { trace_id: traceId, span_id: spanId };
}

export { SpanKind };
