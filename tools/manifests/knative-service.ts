import type { FunctionManifest } from '../../shared/platform/runtime/manifest.ts';
import { cluster, restrictedContainer } from './cluster.ts';
import { functionEnv } from './function-env.ts';

export interface KubeObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: {
    readonly name: string;
    readonly namespace?: string;
    readonly labels?: Readonly<Record<string, string>>;
    readonly annotations?: Readonly<Record<string, string>>;
    readonly finalizers?: readonly string[];
  };
  readonly [field: string]: unknown;
}

export const labelsOf = (functionName: string, component: string): Record<string, string> => ({
  'app.kubernetes.io/name': functionName,
  'app.kubernetes.io/part-of': 'pilog',
  'app.kubernetes.io/component': component,
});

/** `192Mi` → 192, `1Gi` → 1024. Manifests size memory in Mi or Gi. */
export function mebibytes(quantity: string): number {
  const match = /^(\d+)(Mi|Gi)$/.exec(quantity);
  if (!match) throw new Error(`memory quantity ${quantity} must be <n>Mi or <n>Gi`);
  return Number(match[1]) * (match[2] === 'Gi' ? 1024 : 1);
}

/**
 * V8 sizes its heap from the machine, not the pod's limit: on an 8 GB Pi a function would grow past its limit and be
 * OOM-killed instead of collecting garbage. Three quarters of the limit leaves room for buffers and native memory.
 */
export const heapLimitMiB = (memoryLimit: string): number => Math.floor(mebibytes(memoryLimit) * 0.75);

/**
 * One Knative Service per function. Scale to zero unless the manifest says otherwise; reachable only inside the
 * cluster (the gateway is the one public door); `/healthz` for readiness and liveness; memory limited, CPU only
 * requested (a CPU limit throttles the cold start, the cost that matters most on a Pi).
 */
export function knativeService(manifest: FunctionManifest): KubeObject {
  const { scaling, resources } = manifest;
  return {
    apiVersion: 'serving.knative.dev/v1',
    kind: 'Service',
    metadata: {
      name: manifest.name,
      namespace: cluster.namespace,
      labels: { ...labelsOf(manifest.name, `${manifest.trigger.kind}-function`), 'networking.knative.dev/visibility': 'cluster-local' },
      annotations: { 'pilog.dev/description': manifest.description },
    },
    spec: {
      template: {
        metadata: {
          labels: labelsOf(manifest.name, `${manifest.trigger.kind}-function`),
          annotations: {
            'autoscaling.knative.dev/min-scale': String(scaling.minScale),
            'autoscaling.knative.dev/max-scale': String(scaling.maxScale),
          },
        },
        spec: {
          containerConcurrency: scaling.concurrency,
          timeoutSeconds: scaling.timeoutSeconds,
          enableServiceLinks: false,
          containers: [
            {
              name: 'function',
              image: cluster.image,
              ports: [{ name: 'http1', containerPort: 8080 }],
              env: [...functionEnv(manifest), { name: 'NODE_OPTIONS', value: `--max-old-space-size=${heapLimitMiB(resources.memoryLimit)}` }],
              resources: {
                requests: { cpu: resources.cpuRequest, memory: resources.memoryRequest },
                limits: { memory: resources.memoryLimit },
              },
              readinessProbe: { httpGet: { path: '/healthz' } },
              livenessProbe: { httpGet: { path: '/healthz' }, periodSeconds: 10, timeoutSeconds: 2, failureThreshold: 3 },
              securityContext: restrictedContainer,
            },
          ],
        },
      },
    },
  };
}
