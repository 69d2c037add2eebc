import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { manifests } from '../../functions/registry.ts';
import { deadLetterTopicOf } from '../../shared/events/event-definition.ts';
import { eventCatalogue } from '../../shared/events/catalogue.ts';
import { settingKeys } from '../../shared/platform/config/load-config.ts';
import { pathSegments } from '../../shared/platform/http/route-table.ts';
import type { CronTrigger, FunctionManifest } from '../../shared/platform/runtime/manifest.ts';
import { imageTools } from '../image/build-artifact.ts';
import { backup } from './backup.ts';
import { cluster, clusterConfig } from './cluster.ts';
import { eventDeliveryPolicy, knativeDeliverySpec } from './event-delivery.ts';
import { clusterSchedule, consumerGroupOf, deadLetterSinkName } from './eventing.ts';
import { expectedFiles, repoRoot, staleFiles } from './expected-files.ts';
import { fallbackFunction, hostMiddlewareName, knativeHost } from './gateway.ts';
import { validateObject } from './kube-validation.ts';
import { maxPlannedShare, nodeBudgets } from './resource-budget.ts';
import { nodeMemoryMiB } from './platform.ts';
import { ensureKubectl, kustomize } from './testing/kubectl.ts';
import { routeFor, type IngressRouteRule } from './testing/traefik-rule.ts';

type Obj = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; annotations?: Record<string, string> }; spec?: any; data?: any };

const parseObjects = (text: string): Obj[] =>
  parseAllDocuments(text)
    .map((document) => document.toJS() as Obj | null)
    .filter((object): object is Obj => object !== null);

const files = expectedFiles();
const yamlFiles = [...files.entries()].filter(([path]) => path.endsWith('.yaml') && !path.endsWith('kustomization.yaml') && !path.endsWith('kustomizeconfig.yaml'));
const generated = yamlFiles.flatMap(([path, content]) => parseObjects(content).map((object) => ({ path, object })));
const overlays = ['gitops/base', 'gitops/overlays/pi', 'gitops/overlays/local'];
const rendered = new Map<string, Obj[]>();

beforeAll(() => {
  ensureKubectl();
  for (const overlay of overlays) rendered.set(overlay, parseObjects(kustomize(join(repoRoot, overlay))));
}, 120_000);

describe('committed deployment files', () => {
  it('equal what npm run manifests generates from the registry (no drift)', () => {
    const drifted = [...files.entries()].filter(([path, content]) => {
      try {
        return readFileSync(join(repoRoot, path), 'utf8') !== content;
      } catch {
        return true;
      }
    });
    expect(drifted.map(([path]) => path), 'run `npm run manifests` and commit the result').toEqual([]);
    expect(staleFiles(files), 'files no function generates any more; `npm run manifests` removes them').toEqual([]);
  });
});

describe('validation against the published schemas', () => {
  it('accepts every generated object', () => {
    const failures = generated.map(({ path, object }) => ({ path, kind: object.kind, name: object.metadata.name, result: validateObject(object) })).filter((v) => !v.result.ok);
    expect(failures).toEqual([]);
    expect(generated.length).toBeGreaterThan(manifests.length);
  });

  it('accepts every object of every rendered overlay', () => {
    for (const [overlay, objects] of rendered) {
      const failures = objects.map((object) => ({ overlay, kind: object.kind, name: object.metadata.name, result: validateObject(object) })).filter((v) => !v.result.ok);
      expect(failures).toEqual([]);
    }
  });

  it('refuses what the schemas forbid, so the checks can fail', () => {
    const service = generated.find(({ object }) => object.kind === 'Service')?.object as Obj;
    const broken = structuredClone(service);
    broken.spec.template.spec.containerConcurrency = 'fifty';
    expect(validateObject(broken).ok).toBe(false);
    const source = generated.find(({ object }) => object.kind === 'KafkaSource' || object.kind === 'PingSource')?.object;
    if (source?.kind === 'KafkaSource') {
      const typo = structuredClone(source);
      typo.spec.delivery.backofPolicy = 'exponential';
      expect(validateObject(typo)).toMatchObject({ by: 'own schema', ok: false });
    }
    expect(validateObject({ apiVersion: 'example.com/v1', kind: 'Unknown' }).ok).toBe(false);
  });
});

describe('Knative Services', () => {
  const services = new Map(generated.filter(({ object }) => object.kind === 'Service').map(({ object }) => [object.metadata.name, object]));

  it('exist once per function, with the manifest scaling, resources, probes and exactly its settings', () => {
    expect([...services.keys()].sort()).toEqual(manifests.map((m) => m.name).sort());
    for (const manifest of manifests) {
      const template = (services.get(manifest.name) as Obj).spec.template;
      expect(template.metadata.annotations).toMatchObject({
        'autoscaling.knative.dev/min-scale': String(manifest.scaling.minScale),
        'autoscaling.knative.dev/max-scale': String(manifest.scaling.maxScale),
      });
      expect(template.spec).toMatchObject({ containerConcurrency: manifest.scaling.concurrency, timeoutSeconds: manifest.scaling.timeoutSeconds });
      const [container] = template.spec.containers;
      expect(container.resources).toEqual({
        requests: { cpu: manifest.resources.cpuRequest, memory: manifest.resources.memoryRequest },
        limits: { memory: manifest.resources.memoryLimit },
      });
      expect(container.readinessProbe.httpGet.path).toBe('/healthz');
      expect(container.livenessProbe.httpGet.path).toBe('/healthz');
      expect(container.securityContext).toMatchObject({ runAsNonRoot: true, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true });
      const env = container.env as Array<{ name: string; value?: string; valueFrom?: any }>;
      expect(env.find((e) => e.name === 'FUNCTION_TARGET')?.value).toBe(manifest.name);
      const { plain, secret } = settingKeys(manifest.settings);
      const fromConfig = env.filter((e) => e.valueFrom?.configMapKeyRef).map((e) => e.name);
      const fromSecret = env.filter((e) => e.valueFrom?.secretKeyRef).map((e) => e.name);
      expect(fromConfig).toEqual(expect.arrayContaining(plain));
      expect(fromSecret).toEqual(expect.arrayContaining(secret));
      expect(fromConfig.filter((key) => secret.includes(key))).toEqual([]);
      for (const e of env.filter((x) => x.valueFrom)) {
        const reference = e.valueFrom.configMapKeyRef ?? e.valueFrom.secretKeyRef;
        expect(reference.name).toBe(e.valueFrom.configMapKeyRef ? cluster.configMap : cluster.secret);
      }
    }
  });

  it('take their configuration from the hashed ConfigMap in the rendered overlays', () => {
    const objects = rendered.get('gitops/overlays/pi') as Obj[];
    const config = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith(`${cluster.configMap}-`)) as Obj;
    expect(config.data).toMatchObject({ PILOG_PROFILE: 'services', PILOG_PUBLIC_API_URL: 'https://api.jiniaslog.co.kr' });
    for (const service of objects.filter((o) => o.kind === 'Service')) {
      const refs = service.spec.template.spec.containers[0].env.filter((e: any) => e.valueFrom?.configMapKeyRef).map((e: any) => e.valueFrom.configMapKeyRef.name);
      expect(new Set(refs)).toEqual(new Set([config.metadata.name]));
      expect(service.spec.template.spec.containers[0].image).toMatch(/^ghcr\.io\/pilog\/pilog:/);
      expect(service.spec.template.spec.nodeSelector).toEqual({ 'kubernetes.io/arch': 'arm64' });
    }
  });
});

describe('eventing', () => {
  const byKind = (kind: string) => generated.filter(({ object }) => object.kind === kind).map(({ object }) => object);

  it('feeds every event function from its topic with retries, exponential backoff and a dead-letter sink', () => {
    const sources = byKind('KafkaSource');
    const sinks = byKind('KafkaSink');
    const consumers = manifests.filter((m) => m.trigger.kind === 'events');
    // The one policy the dev host follows too (its dispatcher's default): 10 retries, exponential from 0.5 s.
    expect(knativeDeliverySpec).toEqual({ retry: eventDeliveryPolicy.retries, backoffPolicy: 'exponential', backoffDelay: 'PT0.5S' });
    expect(eventDeliveryPolicy).toEqual({ retries: 10, backoffDelayMs: 500 });
    expect(sources.map((s) => s.metadata.name).sort()).toEqual(consumers.map((m) => m.name).sort());
    for (const consumer of consumers) {
      if (consumer.trigger.kind !== 'events') continue;
      const source = sources.find((s) => s.metadata.name === consumer.name) as Obj;
      expect(source.spec).toMatchObject({ topics: [consumer.trigger.topic], consumerGroup: consumerGroupOf(consumer.name), ordering: 'ordered', sink: { ref: { kind: 'Service', name: consumer.name } } });
      expect(source.spec.delivery).toMatchObject({ ...knativeDeliverySpec, deadLetterSink: { ref: { kind: 'KafkaSink', name: deadLetterSinkName(consumer.name) } } });
      const sink = sinks.find((s) => s.metadata.name === deadLetterSinkName(consumer.name)) as Obj;
      expect(sink.spec.topic).toBe(deadLetterTopicOf(consumer.name));
    }
  });

  it('ticks every cron function with a PingSource on its schedule, unless configuration turns the schedule off', () => {
    const pings = byKind('PingSource');
    for (const manifest of manifests) {
      if (manifest.trigger.kind !== 'cron') continue;
      const ping = pings.find((p) => p.metadata.name === manifest.name);
      const schedule = clusterSchedule(manifest as FunctionManifest<CronTrigger>, clusterConfig);
      if (schedule === undefined) expect(ping).toBeUndefined();
      else expect(ping?.spec).toMatchObject({ schedule, sink: { ref: { kind: 'Service', name: manifest.name } } });
    }
  });

  it('treats an empty-by-default …_CRON setting as the switch of a schedule', () => {
    const purge = manifests.find((m) => m.name === 'memo-purge-sandbox') as FunctionManifest<CronTrigger> | undefined;
    if (purge === undefined) return;
    expect(clusterSchedule(purge, {})).toBeUndefined();
    expect(clusterSchedule(purge, { PILOG_MEMO_PURGE_CRON: '0 3 * * 1' })).toBe('0 3 * * 1');
    const sweep = manifests.find((m) => m.name === 'events-sweep-outbox') as FunctionManifest<CronTrigger>;
    expect(clusterSchedule(sweep, {})).toBe(sweep.trigger.schedule);
  });

  it('creates every catalogue topic and every dead-letter topic with partitions and retention', () => {
    const topics = byKind('KafkaTopic');
    const expected = [...eventCatalogue.topics, ...manifests.filter((m) => m.trigger.kind === 'events').map((m) => deadLetterTopicOf(m.name))];
    expect(topics.map((t) => t.spec.topicName).sort()).toEqual(expected.sort());
    for (const topic of topics) {
      expect(topic.metadata.namespace).toBe(cluster.kafka.namespace);
      expect(topic.spec.partitions).toBeGreaterThan(0);
      expect(topic.spec.config['retention.ms']).toBeGreaterThan(0);
    }
  });
});

describe('the gateway', () => {
  const ingressOf = (objects: Obj[]) => objects.find((o) => o.kind === 'IngressRoute') as Obj;
  const functionOf = (rule: IngressRouteRule | undefined, objects: Obj[]): string | undefined => {
    const middleware = objects.find((o) => o.kind === 'Middleware' && o.metadata.name === rule?.middlewares[0]?.name);
    const host = middleware?.spec.headers.customRequestHeaders.Host as string | undefined;
    return host?.slice(0, -`.${cluster.namespace}.svc.cluster.local`.length);
  };
  const sample = (path: string): string => `/${pathSegments(path).map((s) => (s.startsWith('{') ? '12' : s)).join('/')}`;

  it('sends every manifest route to its function in each rendered overlay, and routes nothing else', () => {
    for (const [overlay, objects] of rendered) {
      const ingress = ingressOf(objects);
      const host = ingress.spec.routes[0].match.match(/^Host\(`([^`]+)`\)/)[1];
      for (const manifest of manifests) {
        if (manifest.trigger.kind !== 'http') continue;
        for (const route of Object.values(manifest.trigger.routes)) {
          const rule = routeFor(ingress.spec.routes, { host, method: route.method, path: sample(route.path) });
          expect({ overlay, route: `${route.method} ${route.path}`, to: functionOf(rule, objects) }).toEqual({ overlay, route: `${route.method} ${route.path}`, to: manifest.name });
        }
      }
      // Every routed path is a manifest path (or the /ws prefix, or the fallback): nothing extra is exposed.
      const manifestPaths = new Set(manifests.flatMap((m) => (m.trigger.kind === 'http' ? Object.values(m.trigger.routes).map((r) => r.path) : [])));
      for (const route of ingress.spec.routes as IngressRouteRule[]) {
        const to = functionOf(route, objects);
        expect(manifests.map((m) => m.name)).toContain(to);
        for (const [, literal] of route.match.matchAll(/Path\(`([^`]+)`\)/g)) expect(manifestPaths.has(literal as string) || literal === '/ws').toBe(true);
      }
      for (const functionName of new Set((ingress.spec.routes as IngressRouteRule[]).map((r) => functionOf(r, objects)))) {
        expect(objects.find((o) => o.kind === 'Middleware' && o.metadata.name === hostMiddlewareName(functionName as string))?.spec.headers.customRequestHeaders.Host).toBe(knativeHost(functionName as string));
      }
      expect(ingress.spec.routes.every((r: any) => r.services[0].name === cluster.kourier.internalService)).toBe(true);
    }
  });

  it('answers unknown paths and /api/ai/** through the fallback function, and only on the public host', () => {
    const objects = rendered.get('gitops/overlays/pi') as Obj[];
    const rules = ingressOf(objects).spec.routes as IngressRouteRule[];
    for (const path of ['/api/ai/chat', '/api/ai', '/api/nope', '/']) {
      expect(functionOf(routeFor(rules, { host: 'api.jiniaslog.co.kr', method: 'POST', path }), objects)).toBe(fallbackFunction);
    }
    expect(routeFor(rules, { host: 'other.example', method: 'GET', path: '/api/docs/openapi.json' })).toBeUndefined();
    expect(ingressOf(rendered.get('gitops/overlays/local') as Obj[]).spec).toMatchObject({ entryPoints: ['web'] });
    expect(ingressOf(rendered.get('gitops/overlays/local') as Obj[]).spec.tls).toBeUndefined();
  });
});

describe('the nightly backup', () => {
  it('runs the export bundle the image holds onto its volume, from the functions’ image, pinned on the Pis only', () => {
    expect(imageTools.export).toBe('tools/site/export.ts');
    for (const [overlay, objects] of rendered) {
      const job = objects.find((o) => o.kind === 'CronJob' && o.metadata.name === backup.name) as Obj;
      const pod = job.spec.jobTemplate.spec.template.spec;
      const [container] = pod.containers;
      expect(container.command.join(' '), overlay).toContain('node /app/tools/export/main.mjs "/backup/.incomplete-$at"');
      const functionImage = (objects.find((o) => o.kind === 'Service' && o.apiVersion === 'serving.knative.dev/v1') as Obj).spec.template.spec.containers[0].image;
      expect(container.image, overlay).toBe(functionImage);
      expect(pod.volumes[0].persistentVolumeClaim.claimName, overlay).toBe(backup.volume);
      expect(objects.some((o) => o.kind === 'PersistentVolumeClaim' && o.metadata.name === backup.volume), overlay).toBe(true);
      expect(pod.nodeSelector, overlay).toEqual(overlay.endsWith('local') ? undefined : { 'kubernetes.io/arch': 'arm64', 'pilog.dev/node': 'pi-2' });
    }
  });
});

describe('the resource budget', () => {
  it('fits every Pi with headroom, all functions at max scale included', () => {
    for (const node of nodeBudgets(manifests)) {
      expect(node.limitMiB, node.node).toBeLessThanOrEqual(nodeMemoryMiB * maxPlannedShare);
    }
  });
});
