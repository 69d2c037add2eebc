import type { IncomingMessage, ServerResponse } from 'node:http';
import { instruments } from './instruments.ts';
import { contextOf, failSpan, noteFirstAnswer, SpanKind, tracer } from './telemetry.ts';

/** Tells the request's span which route template (and function) matched, once the edge knows. */
export type RouteNoter = (route: string, functionName: string) => void;

/** For requests served with telemetry off: shared, so the edge allocates nothing for telemetry. */
export const ignoreRoute: RouteNoter = () => {};

/**
 * The HTTP server span of one request, a child of the caller's `traceparent` when it sent one, named
 * `METHOD /route/{template}` once the edge matched a route; it ends when the response is done (or cut off), with
 * the status, and the request's duration is recorded per route, method and status (rate, errors, duration).
 * Call only while telemetry is on.
 */
export function traceHttpRequest(req: IncomingMessage, res: ServerResponse, serve: (routed: RouteNoter) => Promise<void>): Promise<void> {
  const method = req.method ?? 'GET';
  const started = performance.now();
  let route: string | undefined;
  return tracer.startActiveSpan(method, { kind: SpanKind.SERVER, attributes: { 'http.request.method': method } }, contextOf(req.headers), (span) => {
    res.once('close', () => {
      const status = res.statusCode;
      span.setAttribute('http.response.status_code', status);
      if (status >= 500 || !res.writableFinished) failSpan(span);
      span.end();
      const attributes = { 'http.request.method': method, 'http.response.status_code': status, ...(route === undefined ? {} : { 'http.route': route }) };
      instruments.requestDuration().record((performance.now() - started) / 1000, attributes);
      noteFirstAnswer();
    });
    return serve((template, functionName) => {
      route = template;
      span.updateName(`${method} ${template}`);
      span.setAttributes({ 'http.route': template, 'faas.name': functionName });
    });
  });
}
