import { stringify } from 'yaml';
import type { EventCatalogue } from '../../shared/events/catalogue.ts';
import type { CronTrigger, EventTrigger, FunctionManifest } from '../../shared/platform/runtime/manifest.ts';
import { cluster, clusterConfig, generatedHeader } from './cluster.ts';
import { clusterSchedule, kafkaSourceObjects, kafkaTopics, pingSource } from './eventing.ts';
import { backupObjects } from './backup.ts';
import { gatewayObjects } from './gateway.ts';
import { knativeService, type KubeObject } from './knative-service.ts';
import { observabilityApplications } from './observability/apps.ts';
import { observabilityObjects } from './observability/monitors.ts';
import { application, applications, gitRepository, kafkaObjects, knativeObjects } from './platform.ts';

const header = `# ${generatedHeader}\n`;

export const toYaml = (objects: readonly unknown[]): string =>
  header + objects.map((object) => `---\n${stringify(object, { lineWidth: 0, sortMapEntries: false, aliasDuplicateObjects: false })}`).join('');

const kustomization = (fields: Record<string, unknown>): string =>
  header + stringify({ apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', ...fields }, { lineWidth: 0 });

/** Directories whose every file is generated: a file there that the generator no longer writes is stale. */
export const generatedDirs = ['knative', 'eventing', 'gitops/apps', 'gitops/platform'] as const;

/**
 * Every generated file, path → content. A pure function of the registry and the event catalogue (plus the
 * platform tables in this folder), so the drift test can compare it with what is committed.
 */
export function renderFiles(manifests: readonly FunctionManifest[], catalogue: EventCatalogue): Map<string, string> {
  const files = new Map<string, string>();
  const services: string[] = [];
  for (const manifest of manifests) {
    files.set(`knative/services/${manifest.name}.yaml`, toYaml([knativeService(manifest)]));
    services.push(`services/${manifest.name}.yaml`);
  }
  files.set('knative/namespace.yaml', toYaml([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: cluster.namespace } }]));
  files.set('knative/gateway.yaml', toYaml(gatewayObjects(manifests)));
  files.set('knative/backup.yaml', toYaml(backupObjects()));
  files.set('knative/config.env', `# ${generatedHeader}\n${Object.entries(clusterConfig).map(([key, value]) => `${key}=${value}`).join('\n')}\n`);
  // kustomize rewrites generated ConfigMap names (hash suffix) only in fields it knows; a Knative Service's env is
  // not one of them until this says so. The hash then rolls a new revision whenever the configuration changes.
  files.set(
    'knative/kustomizeconfig.yaml',
    header +
      stringify({
        nameReference: [
          {
            kind: 'ConfigMap',
            version: 'v1',
            fieldSpecs: [{ group: 'serving.knative.dev', kind: 'Service', path: 'spec/template/spec/containers/env/valueFrom/configMapKeyRef/name' }],
          },
        ],
      }),
  );
  files.set(
    'knative/kustomization.yaml',
    kustomization({
      resources: ['namespace.yaml', ...services, 'gateway.yaml', 'backup.yaml'],
      configMapGenerator: [{ name: cluster.configMap, namespace: cluster.namespace, envs: ['config.env'] }],
      configurations: ['kustomizeconfig.yaml'],
    }),
  );

  const sources: string[] = [];
  for (const manifest of manifests) {
    let objects: KubeObject[] = [];
    if (manifest.trigger.kind === 'events') objects = kafkaSourceObjects(manifest as FunctionManifest<EventTrigger>);
    if (manifest.trigger.kind === 'cron') {
      const schedule = clusterSchedule(manifest as FunctionManifest<CronTrigger>, clusterConfig);
      if (schedule !== undefined) objects = [pingSource(manifest as FunctionManifest<CronTrigger>, schedule)];
    }
    if (objects.length === 0) continue;
    files.set(`eventing/sources/${manifest.name}.yaml`, toYaml(objects));
    sources.push(`sources/${manifest.name}.yaml`);
  }
  files.set('eventing/topics.yaml', toYaml(kafkaTopics(catalogue, manifests)));
  files.set('eventing/kustomization.yaml', kustomization({ resources: ['topics.yaml', ...sources] }));

  const apps = [...applications(), ...observabilityApplications()];
  for (const app of apps) files.set(`gitops/apps/${app.metadata.name}.yaml`, toYaml([app]));
  files.set('gitops/apps/kustomization.yaml', kustomization({ resources: apps.map((app) => `${app.metadata.name}.yaml`) }));
  files.set(
    'gitops/root-application.yaml',
    toYaml([application({ name: 'pilog-root', namespace: 'argocd', wave: -10, source: { repoURL: gitRepository.url, targetRevision: gitRepository.revision, path: 'gitops/apps' } })]),
  );
  files.set('gitops/platform/knative/knative.yaml', toYaml(knativeObjects(manifests)));
  files.set('gitops/platform/knative/kustomization.yaml', kustomization({ resources: ['knative.yaml'] }));
  files.set('gitops/platform/kafka/kafka.yaml', toYaml(kafkaObjects()));
  files.set('gitops/platform/kafka/kustomization.yaml', kustomization({ resources: ['kafka.yaml'] }));
  files.set('gitops/platform/observability/observability.yaml', toYaml(observabilityObjects(manifests)));
  files.set('gitops/platform/observability/kustomization.yaml', kustomization({ resources: ['observability.yaml'] }));
  return files;
}
