import { metrics, type Counter, type Histogram, type ObservableGauge, type UpDownCounter } from '@opentelemetry/api';
import { metricCatalog, type MetricDefinition, type MetricKind } from './metric-catalog.ts';

/** Histogram buckets in seconds, from a cached read to a slow cold start on a Pi. */
const SECONDS_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

function optionsOf(definition: MetricDefinition, kind: MetricKind) {
  if (definition.kind !== kind) throw new Error(`${definition.name} is a ${definition.kind} in the metric catalog, not a ${kind}`);
  const advice = kind === 'histogram' && definition.unit === 's' ? { advice: { explicitBucketBoundaries: SECONDS_BUCKETS } } : {};
  return { unit: definition.unit, description: definition.description, ...advice };
}

/** Creates the instrument on first use, so it comes from the meter provider `openTelemetry` registered (callers record only while telemetry is on). */
function lazily<T>(create: () => T): () => T {
  let instrument: T | undefined;
  return () => (instrument ??= create());
}

const meter = () => metrics.getMeter('pilog');
const histogram = (definition: MetricDefinition) => lazily((): Histogram => meter().createHistogram(definition.name, optionsOf(definition, 'histogram')));
const counter = (definition: MetricDefinition) => lazily((): Counter => meter().createCounter(definition.name, optionsOf(definition, 'counter')));
const upDownCounter = (definition: MetricDefinition) =>
  lazily((): UpDownCounter => meter().createUpDownCounter(definition.name, optionsOf(definition, 'updown-counter')));

/** The catalog's instruments; every one pilog records. */
export const instruments = {
  requestDuration: histogram(metricCatalog.requestDuration),
  coldStart: histogram(metricCatalog.coldStart),
  eventDeliveries: counter(metricCatalog.eventDeliveries),
  indexLag: histogram(metricCatalog.indexLag),
  cacheLookups: counter(metricCatalog.cacheLookups),
  cacheErrors: counter(metricCatalog.cacheErrors),
  realtimeSessions: upDownCounter(metricCatalog.realtimeSessions),
};

/** Observable gauges read together by one callback at each export (e.g. two numbers from one query). */
export function observeGauges<K extends string>(definitions: Readonly<Record<K, MetricDefinition>>, read: () => Promise<Readonly<Record<K, number>>>): void {
  const gauges = Object.entries<MetricDefinition>(definitions).map(
    ([key, definition]) => [key as K, meter().createObservableGauge(definition.name, optionsOf(definition, 'gauge'))] as const,
  );
  meter().addBatchObservableCallback(
    async (observer) => {
      const values = await read();
      for (const [key, gauge] of gauges) observer.observe(gauge as ObservableGauge, values[key]);
    },
    gauges.map(([, gauge]) => gauge),
  );
}
