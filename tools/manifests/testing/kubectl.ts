import { execFileSync, spawnSync } from 'node:child_process';

const hasKubectl = (): boolean => spawnSync('kubectl', ['version', '--client'], { stdio: 'ignore' }).status === 0;

/**
 * `kubectl kustomize` renders the overlays in the tests. Installed from Debian's packages when missing and we are
 * root (apt-get update first on a fresh machine); otherwise one clear message says what to install.
 */
export function ensureKubectl(): void {
  if (hasKubectl()) return;
  const root = process.getuid?.() === 0;
  if (root) {
    const quiet = { stdio: 'ignore' as const, env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } };
    spawnSync('apt-get', ['update', '-qq'], quiet);
    for (const pkg of ['kubectl', 'kubernetes-client']) {
      if (spawnSync('apt-get', ['install', '-y', '-qq', pkg], quiet).status === 0 && hasKubectl()) return;
    }
  }
  throw new Error('kubectl is needed to render the kustomize overlays and could not be installed: apt-get install kubectl (Debian) and run the tests again');
}

/** `kubectl kustomize <dir>` → its YAML, or the error kustomize gave. */
export function kustomize(dir: string): string {
  return execFileSync('kubectl', ['kustomize', dir], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}
