import { cluster, restrictedContainer } from './cluster.ts';
import type { KubeObject } from './knative-service.ts';
import { components, pinnedTo, resourcesOf, storageClass } from './platform.ts';

/** The nightly backup: `npm run export`'s bundle writes the whole site to a volume, one directory per run. */
export const backup = {
  name: 'pilog-export',
  volume: 'pilog-backups',
  size: '10Gi',
  /** UTC, after the night's writes and away from the SEO regeneration on the quarter hours. */
  schedule: '40 3 * * *',
  keep: 14,
} as const;

/**
 * Exports into a hidden directory and renames it when the export succeeded, so every `/backup/<UTC time>` is a
 * complete export; the oldest beyond `keep` are removed, and so are leftovers of a run that failed.
 */
const script = [
  'set -eu',
  'rm -rf /backup/.incomplete-*',
  'at=$(date -u +%Y-%m-%dT%H%M%SZ)',
  'node /app/tools/export/main.mjs "/backup/.incomplete-$at"',
  'mv "/backup/.incomplete-$at" "/backup/$at"',
  `ls -1d /backup/2* | sort | head -n -${backup.keep} | xargs -r rm -rf`,
].join('\n');

export function backupObjects(): KubeObject[] {
  const metadata = { name: backup.name, namespace: cluster.namespace, labels: { 'app.kubernetes.io/part-of': 'pilog', 'app.kubernetes.io/name': backup.name } };
  return [
    {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { ...metadata, name: backup.volume },
      spec: { accessModes: ['ReadWriteOnce'], storageClassName: storageClass, resources: { requests: { storage: backup.size } } },
    },
    {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata,
      spec: {
        schedule: backup.schedule,
        timeZone: 'Etc/UTC',
        concurrencyPolicy: 'Forbid',
        successfulJobsHistoryLimit: 3,
        failedJobsHistoryLimit: 3,
        jobTemplate: {
          spec: {
            backoffLimit: 2,
            activeDeadlineSeconds: 3600,
            template: {
              metadata: { labels: { ...metadata.labels } },
              spec: {
                restartPolicy: 'Never',
                nodeSelector: pinnedTo(components.siteExport.node),
                securityContext: { fsGroup: cluster.uid },
                containers: [
                  {
                    name: 'export',
                    image: cluster.image,
                    command: ['sh', '-c', script],
                    env: [
                      { name: 'PILOG_PROFILE', value: 'services' },
                      { name: 'PILOG_MYSQL_URL', valueFrom: { secretKeyRef: { name: cluster.secret, key: 'PILOG_MYSQL_URL' } } },
                    ],
                    resources: resourcesOf(components.siteExport),
                    volumeMounts: [{ name: 'backups', mountPath: '/backup' }],
                    securityContext: restrictedContainer,
                  },
                ],
                volumes: [{ name: 'backups', persistentVolumeClaim: { claimName: backup.volume } }],
              },
            },
          },
        },
      },
    },
  ];
}
