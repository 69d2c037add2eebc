import { ConfigError } from '../shared/platform/config/load-config.ts';
import type { FunctionManifest } from '../shared/platform/runtime/manifest.ts';
import { manifest as authManageSession } from './auth-manage-session/function.ts';
import { manifest as docsServeApi } from './docs-serve-api/function.ts';
import { manifest as eventsSweepOutbox } from './events-sweep-outbox/function.ts';

/** Every function of pilog. Manifests are cheap to import; each function's code loads only when started. */
export const manifests: readonly FunctionManifest[] = [docsServeApi, eventsSweepOutbox, authManageSession];

export function manifestNamed(name: string): FunctionManifest {
  const manifest = manifests.find((candidate) => candidate.name === name);
  if (!manifest) {
    throw new ConfigError(`Invalid configuration: FUNCTION_TARGET must be one of ${manifests.map((m) => m.name).join(', ')}; got "${name}"`);
  }
  return manifest;
}
