import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

const cacheDir = join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'pilog', 'tools', 'prometheus');
const extracted = join(cacheDir, 'root', 'usr', 'bin', 'promtool');
const answers = (command: string): boolean => spawnSync(command, ['--version'], { stdio: 'ignore' }).status === 0;
const quiet = { stdio: 'ignore' as const, env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } };

/** Downloads Debian's `prometheus` package (no root needed) and unpacks it into the cache; true when promtool runs. */
function unpackDebianPackage(): boolean {
  rmSync(cacheDir, { recursive: true, force: true });
  mkdirSync(cacheDir, { recursive: true });
  const download = () => spawnSync('apt-get', ['download', '-qq', 'prometheus'], { ...quiet, cwd: cacheDir }).status === 0;
  // A fresh machine may have no package lists yet; only root can fetch them.
  if (!download() && !(process.getuid?.() === 0 && spawnSync('apt-get', ['update', '-qq'], quiet).status === 0 && download())) return false;
  const deb = readdirSync(cacheDir).find((name) => name.endsWith('.deb'));
  if (deb === undefined) return false;
  execFileSync('dpkg-deb', ['-x', join(cacheDir, deb), join(cacheDir, 'root')]);
  return answers(extracted);
}

/**
 * `promtool` (Debian's `prometheus` package) for the alert-rule tests: the one on PATH, else the binary unpacked
 * from the .deb into `~/.cache/pilog/tools/prometheus` (apt-get download + dpkg-deb, so no root is needed and no
 * Prometheus daemon is installed). Throws one clear message when neither works.
 */
export function ensurePromtool(): string {
  if (answers('promtool')) return 'promtool';
  if (existsSync(extracted) && answers(extracted)) return extracted;
  if (unpackDebianPackage()) return extracted;
  throw new Error("promtool is needed to test the alert rules and could not be provisioned: apt-get install prometheus (Debian) and run the tests again");
}
