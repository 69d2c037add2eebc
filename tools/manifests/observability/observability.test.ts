import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { manifests } from '../../../functions/registry.ts';
import type { EventTrigger, FunctionManifest } from '../../../shared/platform/runtime/manifest.ts';
import { kafkaSourceObjects } from '../eventing.ts';
import { metricCatalog } from '../../../shared/platform/telemetry/metric-catalog.ts';
import { components, kafkaObjects, knativeObjects, resourcesOf } from '../platform.ts';
import { ensurePromtool } from '../testing/promtool.ts';
import { alertRules, prometheusRule } from './alert-rules.ts';
import { promtoolTests } from './alert-rules.promtool.ts';
import { contexts, type Dashboard } from './dashboards.ts';
import { deadLetterTopics } from './dead-letters.ts';
import { externalMetrics } from './external-metrics.ts';
import { agentValues, collectorValues } from './collector.ts';
import { dashboardConfigMaps, monitors } from './monitors.ts';
import { seriesIn } from './promql-names.ts';
import { catalogSeries } from './series.ts';

const dir = mkdtempSync(join(tmpdir(), 'pilog-promtool-'));
let promtool = '';
const run = (...args: string[]) => spawnSync(promtool, args, { cwd: dir, encoding: 'utf8' });
const writeRules = (file: string, groups: unknown) => writeFileSync(join(dir, file), stringify({ groups }));

/** The dashboards as Grafana's sidecar reads them: parsed back from the ConfigMaps. */
const shipped: Dashboard[] = dashboardConfigMaps(manifests).flatMap((map) => Object.values(map.data as Record<string, string>).map((text) => JSON.parse(text) as Dashboard));
const panelQueries = shipped.flatMap((dashboard) => dashboard.panels.flatMap((panel) => panel.targets.map((target) => ({ where: `${dashboard.title} › ${panel.title}`, expr: target.expr }))));
const alertQueries = alertRules.map((rule) => ({ where: `alert ${rule.alert}`, expr: rule.expr }));
const queries = [...panelQueries, ...alertQueries];

const allowed = (catalog = metricCatalog) => new Set([...catalogSeries(catalog), ...Object.values(externalMetrics)]);
const unusedCatalogMetrics = (of: typeof queries): string[] => {
  const read = new Set(of.flatMap(({ expr }) => seriesIn(expr)));
  return Object.values(metricCatalog).filter((metric) => ![...catalogSeries({ metric })].some((name) => read.has(name))).map((metric) => metric.name);
};
/** An expression's operands of its top-level `or`s (an `or` inside parentheses belongs to its operand). */
function topLevelOr(expr: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < expr.length; i += 1) {
    if (expr[i] === '(') depth += 1;
    else if (expr[i] === ')') depth -= 1;
    else if (depth === 0 && expr.startsWith(' or ', i)) {
      parts.push(expr.slice(start, i));
      start = i + 4;
    }
  }
  return [...parts, expr.slice(start)];
}
const unknownSeries = (names: Set<string>) => queries.flatMap(({ where, expr }) => seriesIn(expr).filter((name) => !names.has(name)).map((name) => `${where}: ${name}`));

beforeAll(() => {
  promtool = ensurePromtool();
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the collector', () => {
  type Pipeline = { receivers: string[]; processors: string[]; exporters: string[] };
  const values = collectorValues() as { resources: unknown; ports: Record<string, { enabled: boolean; containerPort?: number }>; config: any };
  const pipelines = values.config.service.pipelines as Record<'traces' | 'metrics' | 'logs', Pipeline>;

  it('takes OTLP and sends traces to Tempo, metrics to the scraped Prometheus exporter, logs to Loki', () => {
    expect(Object.keys(pipelines).sort()).toEqual(['logs', 'metrics', 'traces']);
    for (const pipeline of Object.values(pipelines)) expect(pipeline.receivers).toEqual(['otlp']);
    expect(values.config.receivers.otlp.protocols).toHaveProperty('grpc');
    expect(values.config.receivers.otlp.protocols).toHaveProperty('http');
    expect(values.config.exporters[pipelines.traces.exporters[0] as string].endpoint).toMatch(/^tempo\.observability\.svc:4317$/);
    expect(values.config.exporters[pipelines.logs.exporters[0] as string].endpoint).toBe('http://loki.observability.svc:3100/otlp');
    expect(pipelines.metrics.exporters).toEqual(['prometheus']);
    expect(values.config.exporters.prometheus.resource_to_telemetry_conversion).toEqual({ enabled: true });
    const scraped = monitors().find((m) => m.metadata.name === 'otel-collector') as { spec: { endpoints: Array<{ port: string }> } };
    const port = values.ports[scraped.spec.endpoints[0]?.port as string];
    expect(port).toMatchObject({ enabled: true });
    expect(values.config.exporters.prometheus.endpoint).toContain(`:${port?.containerPort}`);
  });

  it('limits memory first and batches last, within its budget row', () => {
    for (const pipeline of Object.values(pipelines)) {
      expect(pipeline.processors[0]).toBe('memory_limiter');
      expect(pipeline.processors.at(-1)).toBe('batch');
    }
    expect(values.config.processors.memory_limiter.limit_percentage).toBeLessThanOrEqual(80);
    expect(values.resources).toEqual(resourcesOf(components.otelCollector));
  });
});

describe('the agent on every node', () => {
  const agent = agentValues() as { mode: string; config: any };

  it("tails only the pilog pods' log files and hands them to the collector's OTLP receiver, trace ids lifted", () => {
    expect(agent.mode).toBe('daemonset');
    expect(agent.config.receivers.filelog.include).toEqual(['/var/log/pods/pilog_*/*/*.log']);
    expect(agent.config.service.pipelines.logs).toMatchObject({ receivers: ['filelog'], exporters: ['otlp/collector'] });
    expect(agent.config.exporters['otlp/collector'].endpoint).toBe('otel-collector-opentelemetry-collector.observability.svc:4317');
    expect((collectorValues() as { config: any }).config.receivers.otlp.protocols.grpc.endpoint).toMatch(/:4317$/);
    const types = (agent.config.receivers.filelog.operators as Array<{ type: string }>).map((operator) => operator.type);
    expect(types).toEqual(['container', 'json_parser', 'trace_parser']);
  });
});

describe('the external metrics', () => {
  it('have their exporters switched on and scraped: Knative autoscaler, Strimzi Kafka exporter', () => {
    const serving = knativeObjects(manifests).find((o) => o.kind === 'KnativeServing') as unknown as { spec: { config: Record<string, Record<string, string>> } };
    expect(serving.spec.config.observability).toEqual({ 'metrics-protocol': 'prometheus' });
    const kafka = kafkaObjects().find((o) => o.kind === 'Kafka') as unknown as { spec: { kafkaExporter?: { groupRegex: string } } };
    expect(kafka.spec.kafkaExporter?.groupRegex).toBe('.*');
    expect(monitors().map((m) => m.metadata.name).sort()).toEqual(['kafka-exporter', 'knative-autoscaler', 'otel-collector']);
  });
});

describe('alert rules', () => {
  it('pass promtool test rules: each alert fires on its fixture and stays quiet on the others', () => {
    writeRules('rules.yaml', prometheusRule().spec.groups);
    writeFileSync(join(dir, 'rules.test.yaml'), stringify({ rule_files: ['rules.yaml'], ...promtoolTests }));
    const result = run('test', 'rules', 'rules.test.yaml');
    process.stdout.write(`promtool test rules:\n${result.stdout}${result.stderr}`);
    expect(result.status, result.stdout + result.stderr).toBe(0);
    const tested = new Set(promtoolTests.tests.flatMap((test) => test.alert_rule_test.filter((t) => t.exp_alerts.length > 0).map((t) => t.alertname)));
    expect([...tested].sort()).toEqual(alertRules.map((rule) => rule.alert).sort());
  });

  it('fail promtool when any branch of an alert is left out (each `or` has a fixture that only it fires on)', () => {
    const withBranches = alertRules.filter((rule) => topLevelOr(rule.expr).length > 1);
    expect(withBranches.map((rule) => rule.alert).sort()).toEqual(['PilogDeadLetter', 'PilogFunctionCrashLooping']);
    for (const rule of withBranches) {
      const branches = topLevelOr(rule.expr);
      for (const dropped of branches.keys()) {
        const expr = branches.filter((_, index) => index !== dropped).join(' or ');
        writeRules('rules.yaml', [{ name: 'pilog', rules: alertRules.map((other) => (other === rule ? { ...rule, expr } : other)) }]);
        writeFileSync(join(dir, 'rules.test.yaml'), stringify({ rule_files: ['rules.yaml'], ...promtoolTests }));
        expect(run('test', 'rules', 'rules.test.yaml').status, `${rule.alert} without ${branches[dropped]}`).not.toBe(0);
      }
    }
  });

  it('count the dead-letter topics the KafkaSinks write, named by their consumer, and no event topic', () => {
    const consumers = manifests.filter((manifest): manifest is FunctionManifest<EventTrigger> => manifest.trigger.kind === 'events');
    const sinks = consumers.flatMap((manifest) => kafkaSourceObjects(manifest).filter((object) => object.kind === 'KafkaSink'));
    expect(sinks).toHaveLength(consumers.length);
    const pattern = new RegExp(`^${deadLetterTopics}$`); // PromQL anchors its regexes
    const named = sinks.map((sink) => (sink.spec as { topic: string }).topic.match(pattern)?.[1]);
    expect(named.sort()).toEqual(consumers.map((manifest) => manifest.name).sort());
    for (const manifest of consumers) expect(manifest.trigger.topic).not.toMatch(pattern);
  });

  it('fail promtool when a rule changes (the fixtures can catch a wrong threshold)', () => {
    const [outbox, ...rest] = alertRules;
    writeRules('rules.yaml', [{ name: 'pilog', rules: [{ ...outbox, expr: (outbox?.expr ?? '').replace('> 120', '> 1200') }, ...rest] }]);
    writeFileSync(join(dir, 'rules.test.yaml'), stringify({ rule_files: ['rules.yaml'], ...promtoolTests }));
    expect(run('test', 'rules', 'rules.test.yaml').status).not.toBe(0);
  });
});

describe('dashboards', () => {
  it('are one overview plus one per context, valid JSON with unique panel ids and at least one query per panel', () => {
    expect(shipped.map((d) => d.uid).sort()).toEqual(['pilog-overview', ...contexts.map((c) => `pilog-${c}`)].sort());
    for (const dashboard of shipped) {
      expect(new Set(dashboard.panels.map((p) => p.id)).size, dashboard.uid).toBe(dashboard.panels.length);
      for (const panel of dashboard.panels) expect(panel.targets.length, `${dashboard.uid} › ${panel.title}`).toBeGreaterThan(0);
    }
  });

  it('show cold starts, scale-from-zero, RED, outbox age, consumer lag, dead letters and index lag on the overview', () => {
    const overview = panelQueries.filter(({ where }) => where.startsWith('pilog · overview'));
    expect(unusedCatalogMetrics(overview)).toEqual([]);
    const read = new Set(overview.flatMap(({ expr }) => seriesIn(expr)));
    expect(read).toContain(externalMetrics.knativeRevisionPods);
    expect(read).toContain(externalMetrics.kafkaConsumerGroupLag);
  });
});

describe('every query in panels and alerts', () => {
  it('names only series of the metric catalog (prometheusName) or the listed external metrics', () => {
    expect(queries.every(({ expr }) => seriesIn(expr).length > 0)).toBe(true);
    expect(unknownSeries(allowed())).toEqual([]);
  });

  it('fails the check when a catalog metric is renamed', () => {
    const renamed = { ...metricCatalog, indexLag: { ...metricCatalog.indexLag, name: 'pilog.search.indexing_lag' } };
    expect(unknownSeries(allowed(renamed))).toContain('alert PilogIndexLagHigh: pilog_search_index_lag_seconds_bucket');
  });

  it('uses every catalog metric somewhere', () => {
    expect(unusedCatalogMetrics(queries)).toEqual([]);
  });

  it('is PromQL that Prometheus parses (promtool check rules, Grafana intervals as 5m)', () => {
    writeRules('queries.yaml', [{ name: 'queries', rules: panelQueries.map(({ expr }, index) => ({ record: `pilog:panel_${index}`, expr: expr.replaceAll('$__rate_interval', '5m') })) }]);
    const result = run('check', 'rules', 'queries.yaml');
    expect(result.status, result.stdout + result.stderr).toBe(0);
  });
});
