import { cpSync, existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

interface PackageJson {
  readonly name: string;
  readonly version: string;
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly optionalDependencies?: Readonly<Record<string, string>>;
}

const readPackage = (dir: string): PackageJson => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackageJson;

/** Node's lookup: the package beside the requiring one (nested), else up the tree to the top `node_modules`. */
function locate(name: string, fromDir: string, nodeModules: string): string | undefined {
  for (let dir = fromDir; dir.startsWith(nodeModules); dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dir === nodeModules) break;
  }
  const top = join(nodeModules, name);
  return existsSync(join(top, 'package.json')) ? top : undefined;
}

/**
 * Copies the named packages and everything they depend on from an installed `node_modules` (the production
 * install of the target platform, in the image build) into `targetNodeModules`, keeping the nesting npm chose.
 * Optional dependencies are copied when installed: that is how a native addon's binary for this platform arrives.
 * Returns the copied packages as `name@version`.
 */
export function copyRuntimePackages(names: readonly string[], nodeModules: string, targetNodeModules: string): string[] {
  const copied = new Map<string, string>();
  const visit = (name: string, fromDir: string, optional: boolean): void => {
    const source = locate(name, fromDir, nodeModules);
    if (source === undefined) {
      if (optional) return;
      throw new Error(`runtime package ${name} is not installed under ${nodeModules}`);
    }
    if (copied.has(source)) return;
    const manifest = readPackage(source);
    copied.set(source, `${manifest.name}@${manifest.version}`);
    cpSync(source, join(targetNodeModules, source.slice(nodeModules.length)), {
      recursive: true,
      filter: (path) => !path.slice(source.length).includes('/node_modules/'),
    });
    for (const dependency of Object.keys(manifest.dependencies ?? {})) visit(dependency, source, false);
    for (const dependency of Object.keys(manifest.optionalDependencies ?? {})) visit(dependency, source, true);
  };
  for (const name of names) visit(name, nodeModules, false);
  return [...copied.values()].sort();
}
