import { settingKeys, type SettingsSpec } from '../../shared/platform/config/load-config.ts';
import { platformSettings } from '../../shared/platform/config/platform-settings.ts';
import { runtimeSettingsFor } from '../../shared/platform/runtime/runtime-settings.ts';
import type { FunctionManifest } from '../../shared/platform/runtime/manifest.ts';
import { cluster, clusterConfig } from './cluster.ts';

/** Keys Knative sets itself (PORT) or the Service sets literally (FUNCTION_TARGET): never taken from config. */
const setByTheService = new Set(['PORT', 'FUNCTION_TARGET']);

/** What the container entry reads for every function, whatever its manifest says. */
export const containerEntrySettings: SettingsSpec = { ...runtimeSettingsFor('services'), profile: platformSettings.profile };

export interface EnvVar {
  readonly name: string;
  readonly value?: string;
  readonly valueFrom?: {
    readonly configMapKeyRef?: { readonly name: string; readonly key: string; readonly optional: boolean };
    readonly secretKeyRef?: { readonly name: string; readonly key: string; readonly optional: boolean };
  };
}

const required = (spec: SettingsSpec): Set<string> =>
  new Set(Object.values(spec).filter((setting) => setting.fallback === undefined).map((setting) => setting.key));

/**
 * The environment of one function's container: FUNCTION_TARGET, then exactly the keys its manifest (and the container
 * entry) read — plain ones from the `pilog-config` ConfigMap, secret ones from the `pilog-secrets` Secret. A key
 * with a default in code is optional (absent = the default); a required one makes a missing value fail the pod.
 */
export function functionEnv(manifest: FunctionManifest): EnvVar[] {
  const spec: SettingsSpec = { ...containerEntrySettings, ...manifest.settings };
  const keys = settingKeys(spec);
  const mandatory = required(spec);
  const plain = [...new Set(keys.plain)].filter((key) => !setByTheService.has(key)).sort();
  const secret = [...new Set(keys.secret)].sort();
  const missing = plain.filter((key) => mandatory.has(key) && clusterConfig[key] === undefined);
  if (missing.length > 0) throw new Error(`${manifest.name} requires ${missing.join(', ')}, which pilog-config does not set (tools/manifests/cluster.ts)`);
  return [
    { name: 'FUNCTION_TARGET', value: manifest.name },
    ...plain.map((key) => ({ name: key, valueFrom: { configMapKeyRef: { name: cluster.configMap, key, optional: !mandatory.has(key) } } })),
    ...secret.map((key) => ({ name: key, valueFrom: { secretKeyRef: { name: cluster.secret, key, optional: !mandatory.has(key) } } })),
  ];
}

/** Every secret key any function reads, with the functions reading it: the list an operator fills `pilog-secrets` from. */
export function secretKeysByFunction(manifests: readonly FunctionManifest[]): Map<string, string[]> {
  const readers = new Map<string, string[]>();
  for (const manifest of manifests) {
    for (const key of settingKeys({ ...containerEntrySettings, ...manifest.settings }).secret) {
      readers.set(key, [...(readers.get(key) ?? []), manifest.name]);
    }
  }
  return new Map([...readers.entries()].sort(([a], [b]) => a.localeCompare(b)));
}
