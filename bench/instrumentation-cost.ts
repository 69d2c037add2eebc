import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { profileEnv } from '../functions/testing/platform-env.ts';
import { openTestDatabase } from '../shared/platform/database/testing/test-databases.ts';
import { startOtlpReceiver } from '../shared/platform/telemetry/testing/otlp-receiver.ts';
import { measureInterleaved, measureProcess, medianSample, type ProcessSample } from './measure-process.ts';

/**
 * What OpenTelemetry's client-library instrumentations would add to a function's cold start, measured before any is
 * adopted (issue 16: "the client libraries whose instrumentations are worth their load time, measured"). The
 * candidates are installed OUTSIDE the repository (pilog declares no package it does not import):
 *
 *   mkdir /tmp/otel-candidates && cd /tmp/otel-candidates && npm init -y && npm install @opentelemetry/api@1.9 \
 *     @opentelemetry/instrumentation@0.223 @opentelemetry/instrumentation-http@0.223 \
 *     @opentelemetry/instrumentation-ioredis @opentelemetry/instrumentation-mysql2 @opentelemetry/instrumentation-undici
 *
 * Each variant is the same function from source with telemetry on, started with `--import` of a preload written
 * into that directory that registers the instrumentations, as OpenTelemetry's docs set them up for ES modules:
 * import-in-the-middle's loader hook (`@opentelemetry/instrumentation/hook.mjs`; pilog's code is ES modules, and
 * require-in-the-middle alone does not see an `import`) plus `registerInstrumentations`. Undici's instrumentation
 * listens on diagnostics_channel and needs no hook. Baselines: a bare node:http server and the function without any.
 * Interleaved runs, medians; the load average is printed with the table.
 * Usage: npx node bench/instrumentation-cost.ts <candidates dir> [<runs> [<function> <path>]] (Node 24 of devDependencies)
 */
const [candidatesArg, runsArg = '15', fn = 'blog-read-articles', path = '/api/v1/tags/top?n=5'] = process.argv.slice(2);
if (!candidatesArg || !existsSync(join(candidatesArg, 'node_modules/@opentelemetry/instrumentation'))) {
  throw new Error('usage: node bench/instrumentation-cost.ts <dir with the candidate instrumentations installed> [runs [function path]]');
}
const candidates = resolve(candidatesArg);
/** Loaded by the generated preloads from the candidates directory: measured here, never a pilog dependency. */
const INSTRUMENTATION_API = '@opentelemetry/instrumentation';
const runs = Number(runsArg);
const here = (relative: string): string => fileURLToPath(new URL(relative, import.meta.url));

interface Candidate {
  readonly package: string;
  readonly className: string;
  readonly needsLoaderHook: boolean;
}
const candidateList: Record<string, Candidate> = {
  ioredis: { package: '@opentelemetry/instrumentation-ioredis', className: 'IORedisInstrumentation', needsLoaderHook: true },
  mysql2: { package: '@opentelemetry/instrumentation-mysql2', className: 'MySQL2Instrumentation', needsLoaderHook: true },
  http: { package: '@opentelemetry/instrumentation-http', className: 'HttpInstrumentation', needsLoaderHook: true },
  undici: { package: '@opentelemetry/instrumentation-undici', className: 'UndiciInstrumentation', needsLoaderHook: false },
};

/** Writes a preload registering `names` (and the ES-module loader hook when one of them needs it); its path. */
function preload(label: string, names: readonly string[], loaderHook: boolean): string {
  const chosen = names.map((name) => candidateList[name] as Candidate);
  const file = join(candidates, `preload-${label}.mjs`);
  writeFileSync(
    file,
    [
      `import { createRequire, register } from 'node:module';`,
      `const require = createRequire(import.meta.url);`,
      loaderHook ? `register('@opentelemetry/instrumentation/hook.mjs', import.meta.url);` : '',
      `const { registerInstrumentations } = require(${JSON.stringify(INSTRUMENTATION_API)});`,
      `registerInstrumentations({ instrumentations: [${chosen.map((c) => `new (require('${c.package}').${c.className})()`).join(', ')}] });`,
      '',
    ].join('\n'),
  );
  return file;
}

const dataDir = mkdtempSync(join(tmpdir(), 'pilog-instrumentation-cost-'));
const database = await openTestDatabase('mysql');
const receiver = await startOtlpReceiver();
const env = { ...profileEnv('services', dataDir), ...database.env, PILOG_LOG_LEVEL: 'warn', FUNCTION_TARGET: fn, PILOG_TELEMETRY: 'on', OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint };
const source = here(`../functions/${fn}/main.ts`);

interface Variant {
  readonly name: string;
  readonly script: string;
  readonly path: string;
  readonly env: Record<string, string>;
}
const withPreload = (name: string, file: string): Variant => ({ name, script: source, path, env: { ...env, NODE_OPTIONS: `--import=${file}` } });
const variants: Variant[] = [
  { name: 'bare node:http server', script: here('./bare-server.mjs'), path: '/', env: {} },
  { name: `${fn}, telemetry on (no instrumentation)`, script: source, path, env },
  withPreload('+ loader hook alone', preload('hook', [], true)),
  ...Object.entries(candidateList).map(([name, candidate]) => withPreload(`+ ${name}${candidate.needsLoaderHook ? ' (with loader hook)' : ''}`, preload(name, [name], candidate.needsLoaderHook))),
  withPreload('+ all four (with loader hook)', preload('all', Object.keys(candidateList), true)),
];

const loadBefore = loadavg();
let samples: Map<string, ProcessSample[]>;
try {
  samples = await measureInterleaved(variants, runs, (variant) => measureProcess(variant.script, variant.path, variant.env));
} finally {
  await database.close();
  await receiver.close();
  rmSync(dataDir, { recursive: true, force: true });
}
const loadAfter = loadavg();

const summary = (name: string): ProcessSample => medianSample(samples.get(name) ?? []);
const bare = summary(variants[0]!.name);
const plain = summary(variants[1]!.name);
const ratio = (value: number, of: number) => `${(value / of).toFixed(2)}x`;
const delta = (value: number, of: number) => `${value >= of ? '+' : ''}${(((value - of) / of) * 100).toFixed(1)} %`;
const load = (avg: number[]) => avg.map((value) => value.toFixed(2)).join(' ');
console.log(`cold start (spawn → first 2xx on ${path}), services profile, source, median of ${runs} runs, Node ${process.version}; load average ${load(loadBefore)} before, ${load(loadAfter)} after`);
console.log('| process | first response ms | CPU ms | RSS MiB | time vs bare | Δ time vs no instrumentation | Δ CPU | Δ RSS |');
console.log('|---|---|---|---|---|---|---|---|');
for (const variant of variants) {
  const s = summary(variant.name);
  console.log(
    `| ${variant.name} | ${s.firstResponseMs.toFixed(1)} | ${s.cpuMs.toFixed(0)} | ${s.rssMiB.toFixed(1)} | ${ratio(s.firstResponseMs, bare.firstResponseMs)} | ${delta(s.firstResponseMs, plain.firstResponseMs)} | ${delta(s.cpuMs, plain.cpuMs)} | ${delta(s.rssMiB, plain.rssMiB)} |`,
  );
}
