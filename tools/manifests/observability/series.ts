import { metricCatalog, prometheusName, type MetricDefinition } from '../../../shared/platform/telemetry/metric-catalog.ts';

/**
 * The Prometheus series of pilog's own metrics, taken from the catalog: panels and alerts use these names and no
 * literal, so a renamed metric changes every query with it (and the check in observability.test.ts).
 */
export type CatalogMetric = keyof typeof metricCatalog;

export const series = (metric: CatalogMetric): string => prometheusName(metricCatalog[metric]);
export const bucket = (metric: CatalogMetric): string => `${series(metric)}_bucket`;
export const count = (metric: CatalogMetric): string => `${series(metric)}_count`;

/** An OpenTelemetry attribute as the Prometheus label the collector makes of it (`pilog.outcome` → `pilog_outcome`). */
export const label = (attribute: string): string => attribute.replace(/\./g, '_');

/**
 * The label naming the function: the collector's Prometheus exporter turns every resource attribute into a label
 * (`resource_to_telemetry_conversion`), so `service.name` — the function name — arrives as `service_name`.
 */
export const functionLabel = label('service.name');

/** Every series name the catalog can produce: a histogram's base name is not a series, its three parts are. */
export function catalogSeries(catalog: Readonly<Record<string, MetricDefinition>> = metricCatalog): Set<string> {
  return new Set(
    Object.values(catalog).flatMap((definition: MetricDefinition) => {
      const name = prometheusName(definition);
      return definition.kind === 'histogram' ? [`${name}_bucket`, `${name}_sum`, `${name}_count`] : [name];
    }),
  );
}

/**
 * How much a counter grew within `window`, per series, counting a series that appeared inside the window from zero:
 * each pod exports its own series and starts it at its first count (never at 0), which increase() would miss.
 */
export const grewWithin = (selected: string, window: string): string =>
  `((last_over_time(${selected}[${window}]) - ${selected} offset ${window}) or (last_over_time(${selected}[${window}]) unless ${selected} offset ${window}))`;

/** `histogram_quantile` over a catalog histogram, kept per `by` labels. */
export const quantile = (q: number, metric: CatalogMetric, selector: string, by: readonly string[], window = '5m'): string =>
  `histogram_quantile(${q}, sum by (${['le', ...by].join(', ')}) (rate(${bucket(metric)}${selector}[${window}])))`;
