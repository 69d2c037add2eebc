import { build, type Plugin } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { runtimePackages } from './runtime-packages.ts';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const containerEntry = fileURLToPath(new URL('../../shared/platform/runtime/serve-function.ts', import.meta.url));

/**
 * `functions/registry.ts` imports every manifest (cheap: names, routes, settings), and each manifest's `load` is a
 * dynamic import of that function's code. Bundled as is, every function would carry every other function. This
 * plugin keeps the target's `load` and turns the other functions' into a module that refuses to start, so a bundle
 * holds the registry plus exactly one function.
 */
function onlyFunction(target: string): Plugin {
  return {
    name: 'only-function',
    setup(build) {
      build.onResolve({ filter: /.*/ }, (args) => {
        if (args.kind !== 'dynamic-import') return undefined;
        const owner = /[\\/]functions[\\/]([^\\/]+)[\\/]function\.ts$/.exec(args.importer)?.[1];
        if (owner === undefined || owner === target) return undefined;
        return { path: owner, namespace: 'not-in-this-bundle' };
      });
      build.onLoad({ filter: /.*/, namespace: 'not-in-this-bundle' }, (args) => ({
        contents: `export async function start() { throw new Error(${JSON.stringify(`${args.path} is not in the ${target} bundle; FUNCTION_TARGET and the bundle disagree`)}); }`,
        loader: 'js',
      }));
    },
  };
}

/**
 * ESM output runs CommonJS dependencies through esbuild's require shim, which cannot reach Node built-ins on its
 * own; a real `require` bound to the bundle's location fixes that (and resolves the shipped external packages).
 */
const requireBanner = "import { createRequire as __pilogCreateRequire } from 'node:module'; const require = __pilogCreateRequire(import.meta.url);";

export interface FunctionBundle {
  readonly functionName: string;
  readonly dir: string;
  readonly bytes: number;
  /** Repository-relative source files inside the bundle. */
  readonly inputs: readonly string[];
}

/**
 * Bundles the container entry for one function into `outDir` (`main.mjs` plus the chunk its `load` imports; only
 * external packages stay outside). Code splitting keeps the manifest's dynamic import a real ESM import: without
 * it esbuild inlines the function behind lazy module wrappers, whose initialisation order broke side-effect
 * modules (TypeBox's format registry was read before it was created).
 */
export async function bundleFunction(functionName: string, outDir: string): Promise<FunctionBundle> {
  const result = await build({
    entryPoints: { main: containerEntry },
    outdir: outDir,
    splitting: true,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunk-[hash]',
    absWorkingDir: repoRoot,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    minify: true,
    keepNames: true,
    legalComments: 'linked',
    banner: { js: requireBanner },
    external: runtimePackages.map((runtimePackage) => runtimePackage.name),
    plugins: [onlyFunction(functionName)],
    metafile: true,
    logLevel: 'silent',
  });
  if (result.errors.length > 0) throw new Error(`bundling ${functionName} failed: ${result.errors.map((e) => e.text).join('; ')}`);
  const outputs = Object.values(result.metafile.outputs);
  return {
    functionName,
    dir: outDir,
    bytes: outputs.reduce((sum, output) => sum + output.bytes, 0),
    inputs: [...new Set(outputs.flatMap((output) => Object.keys(output.inputs)))],
  };
}
