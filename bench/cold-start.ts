import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { profileEnv } from '../functions/testing/platform-env.ts';
import { openTestDatabase } from '../shared/platform/database/testing/test-databases.ts';
import { startOtlpReceiver } from '../shared/platform/telemetry/testing/otlp-receiver.ts';
import { measureProcess, median, type MeasureOptions, type ProcessSample } from './measure-process.ts';

/**
 * Cold start of one function process against a bare Node HTTP server and functions-framework's hello world on its
 * own CLI, measured in the same run and interleaved so all see the same machine load: the function from source
 * (.ts under Node's type stripping, as `npm start` runs it), from the bundle the container image ships (when
 * `npm run build:image-artifact` has been run), and the dev host's time from `npm start` to its first answer.
 * The function runs with telemetry off and on (`PILOG_TELEMETRY`; on exports OTLP to a receiver in this process),
 * and a second table gives what telemetry adds.
 * The profile's database is fresh and migrated; services come from the PILOG_TEST_* values.
 * `all` instead measures every function's image bundle, spawn → first 2xx on /healthz (which answers once the
 * function has started), beside the same two baselines, in one table.
 * BENCH_COMPARE_BUNDLE=<dir>/main.mjs adds another build of the image (say, main's) beside the bundle, in the same run.
 * Usage: npm run bench:cold-start [-- <function> <path> <runs> <embedded|services>]
 *        npm run bench:cold-start -- all <embedded|services> [<runs>]
 */
const args = process.argv.slice(2);
const everyFunction = args[0] === 'all';
const [fn = 'docs-serve-api', path = '/api/docs/openapi.json', runsArg = '15', profileArg = 'embedded'] = everyFunction ? ['all', '/healthz', args[2] ?? '10', args[1]] : args;
const runs = Number(runsArg);
const profile = profileArg === 'services' ? 'services' : 'embedded';
const here = (relative: string): string => fileURLToPath(new URL(relative, import.meta.url));
const bundle = here('../dist/image/main.mjs');
const dataDir = mkdtempSync(join(tmpdir(), 'pilog-cold-start-'));
const database = await openTestDatabase(profile === 'services' ? 'mysql' : 'sqlite');
const pilogEnv = { ...profileEnv(profile, dataDir), ...database.env, PILOG_LOG_LEVEL: 'warn' };
const receiver = await startOtlpReceiver();
interface Target {
  readonly name: string;
  readonly script: string;
  readonly path: string;
  readonly env: Record<string, string>;
  readonly options?: MeasureOptions;
}
const baselines: Target[] = [
  { name: 'bare node:http server', script: here('./bare-server.mjs'), path: '/', env: {} },
  {
    name: 'functions-framework hello world',
    script: here('../node_modules/@google-cloud/functions-framework/build/src/main.js'),
    path: '/',
    env: {},
    options: { args: ['--target=hello', `--source=${here('./ff-hello.cjs')}`] },
  },
];
const targets: Target[] = [...baselines, ...(everyFunction ? bundleTargets() : functionTargets())];

/** Every function's image bundle, to /healthz. */
function bundleTargets(): Target[] {
  if (!existsSync(bundle)) throw new Error('no dist/image: run `npm run build:image-artifact` first');
  const functions = readdirSync(here('../dist/image/functions')).sort();
  return functions.map((name) => ({ name: `${name} (image bundle)`, script: bundle, path, env: { ...pilogEnv, FUNCTION_TARGET: name, PILOG_TELEMETRY: 'off' } }));
}

/** One function from source and from its bundle, each with telemetry off and on, and the dev host, to `path`. */
function functionTargets(): Target[] {
  const env = { ...pilogEnv, FUNCTION_TARGET: fn, PILOG_TELEMETRY: 'off' };
  const telemetryEnv = { ...env, PILOG_TELEMETRY: 'on', OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint };
  const source = here(`../functions/${fn}/main.ts`);
  const own: Target[] = [
    { name: `${fn} (source)`, script: source, path, env },
    { name: `${fn} (source, telemetry on)`, script: source, path, env: telemetryEnv },
  ];
  const compareBundle = process.env.BENCH_COMPARE_BUNDLE;
  if (existsSync(bundle)) {
    own.push({ name: `${fn} (image bundle)`, script: bundle, path, env });
    own.push({ name: `${fn} (image bundle, telemetry on)`, script: bundle, path, env: telemetryEnv });
    if (compareBundle) {
      own.push({ name: `${fn} (compared bundle)`, script: compareBundle, path, env });
      own.push({ name: `${fn} (compared bundle, telemetry on)`, script: compareBundle, path, env: telemetryEnv });
    }
  } else process.stderr.write('[bench] no dist/image: run `npm run build:image-artifact` to measure the bundle too\n');
  own.push({ name: 'dev host, npm start (all functions)', script: here('../tools/dev-host/main.ts'), path, env: pilogEnv, options: { retryUnansweredMs: 200 } });
  return own;
}

const samples = new Map<string, ProcessSample[]>(targets.map((t) => [t.name, []]));
const measure = (target: Target) => measureProcess(target.script, target.path, target.env, target.options);
try {
  for (const target of targets) await measure(target); // warm the file cache
  for (let i = 0; i < runs; i++) {
    for (const target of targets) samples.get(target.name)?.push(await measure(target));
    process.stderr.write(`\r[bench] run ${i + 1}/${runs}`);
  }
} finally {
  await database.close();
  await receiver.close();
  rmSync(dataDir, { recursive: true, force: true });
}
process.stderr.write('\n');
const summary = (name: string) => {
  const list = samples.get(name) ?? [];
  return { firstResponseMs: median(list.map((s) => s.firstResponseMs)), rssMiB: median(list.map((s) => s.rssMiB)), cpuMs: median(list.map((s) => s.cpuMs)) };
};
const base = summary(targets[0]!.name);
const framework = summary(targets[1]!.name);
console.log(`cold start (spawn → first 2xx on ${path}), the CPU time it took and RSS after it, ${profile} profile, median of ${runs} runs, Node ${process.version}`);
console.log('| process | first response ms | CPU ms | RSS MiB | time vs bare | CPU vs bare | RSS vs bare | time vs ff hello |');
console.log('|---|---|---|---|---|---|---|---|');
for (const target of targets) {
  const s = summary(target.name);
  const ratio = (value: number, of: number) => `${(value / of).toFixed(2)}x`;
  console.log(
    `| ${target.name} | ${s.firstResponseMs.toFixed(1)} | ${s.cpuMs.toFixed(0)} | ${s.rssMiB.toFixed(1)} | ${ratio(s.firstResponseMs, base.firstResponseMs)} | ${ratio(s.cpuMs, base.cpuMs)} | ${ratio(s.rssMiB, base.rssMiB)} | ${ratio(s.firstResponseMs, framework.firstResponseMs)} |`,
  );
}
console.log('');
console.log(`what telemetry adds (on vs off, same run; the issue's bound is +10 % on each)`);
console.log('| build | first response ms off → on | Δ time | RSS MiB off → on | Δ RSS |');
console.log('|---|---|---|---|---|');
for (const build of ['source', 'image bundle', 'compared bundle']) {
  if (!samples.has(`${fn} (${build})`)) continue;
  const off = summary(`${fn} (${build})`);
  const on = summary(`${fn} (${build}, telemetry on)`);
  const delta = (value: number, of: number) => `${value >= of ? '+' : ''}${(((value - of) / of) * 100).toFixed(1)} %`;
  console.log(`| ${build} | ${off.firstResponseMs.toFixed(1)} → ${on.firstResponseMs.toFixed(1)} | ${delta(on.firstResponseMs, off.firstResponseMs)} | ${off.rssMiB.toFixed(1)} → ${on.rssMiB.toFixed(1)} | ${delta(on.rssMiB, off.rssMiB)} |`);
}
