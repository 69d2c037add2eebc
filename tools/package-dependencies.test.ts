import { readdirSync, readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { describe, expect, it } from 'vitest';

const root = new URL('../', import.meta.url);
const read = (path: string): string => readFileSync(new URL(path, root), 'utf8');
const readJson = <T>(path: string): T => JSON.parse(read(path)) as T;

interface PackageJson {
  readonly scripts: Readonly<Record<string, string>>;
  readonly dependencies: Readonly<Record<string, string>>;
  readonly devDependencies: Readonly<Record<string, string>>;
  readonly bin?: string | Readonly<Record<string, string>>;
}
const manifest = readJson<PackageJson>('package.json');

/** Code that runs inside a function (its image bundle, or the dev host serving it): what `dependencies` is for. */
const runsInFunctions = (path: string): boolean => /^(functions|shared)\//.test(path) && !/(\.test\.ts$|\/testing\/)/.test(path);

const sourceFiles: readonly string[] = [
  'vitest.config.ts',
  '.dependency-cruiser.cjs',
  ...['functions', 'shared', 'tools', 'bench', 'eventing', 'knative', 'gitops'].flatMap((folder) =>
    readdirSync(new URL(folder, root), { recursive: true, encoding: 'utf8' })
      .filter((path) => /\.(ts|mjs|cjs|js)$/.test(path) && !path.includes('node_modules') && path !== 'package-dependencies.test.ts')
      .map((path) => `${folder}/${path}`),
  ),
];

/**
 * The packages a file imports, statically, dynamically, with `require` or `import.meta.resolve` (type-only imports
 * count: they need the types).
 */
function importedPackages(text: string): string[] {
  const specifiers = [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|\bresolve\s*\(\s*|^import\s+)['"]((?!\.)(?:@[\w.-]+\/)?[\w.-]+(?:\/[^'"]*)?)['"]/gm)].map(([, specifier]) => specifier as string);
  return specifiers.filter((specifier) => !isBuiltin(specifier)).map((specifier) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/'));
}

const importers = new Map<string, string[]>();
for (const path of sourceFiles) for (const name of importedPackages(read(path))) importers.set(name, [...(importers.get(name) ?? []), path]);

/** Commands a package puts on the PATH, which the npm scripts and CI may run (`tsc`, `vitest`, `node` itself). */
function binariesOf(name: string): string[] {
  const { bin } = readJson<PackageJson>(`node_modules/${name}/package.json`);
  if (bin === undefined) return [];
  return typeof bin === 'string' ? [name.split('/').pop() as string] : Object.keys(bin);
}
const commands = [...Object.values(manifest.scripts), read('.ci/run')].join('\n');
const runsAsCommand = (name: string): boolean => binariesOf(name).some((binary) => new RegExp(`(^|[\\s&;|])${binary}\\s`, 'm').test(commands));

/** A `@types/x` package is used when `x` is (or, for `@types/node`, always). */
const typedPackage = (name: string): string | undefined => (name.startsWith('@types/') ? name.slice('@types/'.length).replace(/^(.+)__(.+)$/, '@$1/$2') : undefined);

const declared = { ...manifest.dependencies, ...manifest.devDependencies };

function isUsed(name: string): boolean {
  const typed = typedPackage(name);
  if (typed !== undefined) return typed === 'node' || isUsed(typed) || importers.has(typed);
  return importers.has(name) || runsAsCommand(name);
}

describe('package.json dependencies', () => {
  it('reads imports, @types and commands the way the checks below rely on', () => {
    expect(importedPackages(`import a from 'ioredis';\nimport type { B } from '@scope/pkg/sub';\nconst c = await import('kysely');\nrequire("node:fs"); import('./local.ts'); import.meta.resolve('sitemap/package.json'); // comes from 'the docs'`)).toEqual([
      'ioredis',
      '@scope/pkg',
      'kysely',
      'sitemap',
    ]);
    expect(typedPackage('@types/babel__core')).toBe('@babel/core');
    expect(runsAsCommand('typescript')).toBe(true);
    expect(sourceFiles.length).toBeGreaterThan(300);
  });

  it('declares no package that nothing imports or runs', () => {
    expect(Object.keys(declared).filter((name) => !isUsed(name))).toEqual([]);
  });

  it('declares every package the code imports', () => {
    expect([...importers.keys()].filter((name) => !(name in declared))).toEqual([]);
  });

  it('keeps in `dependencies` exactly the packages code running in a function imports; the rest are dev tools', () => {
    const inFunctions = new Set([...importers].filter(([, paths]) => paths.some(runsInFunctions)).map(([name]) => name));
    expect(Object.keys(manifest.dependencies).filter((name) => !inFunctions.has(name))).toEqual([]);
    expect([...inFunctions].filter((name) => !(name in manifest.dependencies))).toEqual([]);
  });
});
