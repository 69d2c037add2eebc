import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { builtinsWithoutEsmFacade } from './builtins-without-esm-facade.ts';
import { lazyKafkaValidators } from './lazy-kafka-validators.ts';
import { openTelemetryEsmBuilds } from './open-telemetry-esm-builds.ts';
import { runtimePackages } from './runtime-packages.ts';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
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

/** Bundles one function's container entry (`functions/<name>/main.ts`) into `outDir`; see bundleEntry. */
export const bundleFunction = (functionName: string, outDir: string): Promise<FunctionBundle> => bundleEntry(functionName, `functions/${functionName}/main.ts`, outDir);

/**
 * Bundles one entry (a function's container entry, or a command the image also runs) into `outDir`: `main.mjs` plus a chunk per
 * package the function imports lazily (only external packages stay outside). Code splitting keeps a dynamic
 * import a real ESM import: without it esbuild inlines the imported code behind lazy module wrappers, whose
 * initialisation order broke side-effect modules (TypeBox's format registry was read before it was created).
 */
export async function bundleEntry(functionName: string, entry: string, outDir: string): Promise<FunctionBundle> {
  const result = await build({
    entryPoints: { main: entry },
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
    // The Kafka client's WebAssembly (CRC32C, LZ4, Snappy) is read from a file beside its module, which a bundle
    // does not have; the package's `bundled` entry carries the same module inline.
    alias: { '@platformatic/wasm-utils': '@platformatic/wasm-utils/bundled' },
    plugins: [builtinsWithoutEsmFacade(), lazyKafkaValidators(), openTelemetryEsmBuilds()],
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
