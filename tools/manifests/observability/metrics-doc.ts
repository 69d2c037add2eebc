import type { FunctionManifest } from '../../../shared/platform/runtime/manifest.ts';
import { metricCatalog, prometheusName } from '../../../shared/platform/telemetry/metric-catalog.ts';
import { alertRules } from './alert-rules.ts';
import { dashboards } from './dashboards.ts';
import { externalMetrics } from './external-metrics.ts';
import { catalogSeries } from './series.ts';
import { seriesIn } from './promql-names.ts';

/** Panel title → the dashboards (by short name) whose panel of that title reads one of `names`. */
function panelsReading(names: Set<string>, manifests: readonly FunctionManifest[]): string {
  const byTitle = new Map<string, string[]>();
  for (const [file, dashboard] of dashboards(manifests)) {
    const short = file.replace(/^pilog-|\.json$/g, '');
    for (const panel of dashboard.panels) {
      if (!panel.targets.some((target) => seriesIn(target.expr).some((name) => names.has(name)))) continue;
      byTitle.set(panel.title, [...(byTitle.get(panel.title) ?? []), short]);
    }
  }
  return [...byTitle].map(([title, where]) => `${title} (${where.join(', ')})`).join('; ') || '—';
}

const alertsReading = (names: Set<string>): string =>
  alertRules.filter((rule) => seriesIn(rule.expr).some((name) => names.has(name))).map((rule) => `\`${rule.alert}\``).join(', ') || '—';

/** The metrics table of docs/deploy.md: every series the dashboards and alerts read, and where. */
export function metricsMarkdown(manifests: readonly FunctionManifest[]): string {
  const own = Object.values(metricCatalog).map((metric) => {
    const names = catalogSeries({ metric });
    return `| \`${metric.name}\` (${metric.kind}, ${metric.unit}) | \`${prometheusName(metric)}\`${metric.kind === 'histogram' ? ' `_bucket/_sum/_count`' : ''} | ${panelsReading(names, manifests)} | ${alertsReading(names)} |`;
  });
  const external = Object.values(externalMetrics).map((name) => {
    const names = new Set([name]);
    return `| external | \`${name}\` | ${panelsReading(names, manifests)} | ${alertsReading(names)} |`;
  });
  return `| metric (OpenTelemetry) | Prometheus series | panels (dashboards) | alerts |\n|---|---|---|---|\n${[...own, ...external].join('\n')}\n`;
}
