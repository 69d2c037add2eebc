import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { relative } from 'node:path';
import { Agent, createServer, request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { ADMIN_EMAIL } from '../functions/testing/platform-env.ts';
import { signIn } from '../functions/testing/api-caller.ts';
import { startPilogProcess } from '../functions/testing/pilog-process.ts';
import { cpuMsOf, freePort, median } from './measure-process.ts';
import { percentile } from './publish-to-search.ts';

/**
 * Read throughput at 50 keep-alive connections for 10 s after a 2 s warm-up, requests per second and latency
 * percentiles, each pilog row beside a bare node:http server answering the very same bytes in the same run. The reads
 * are measured on `blog-read-articles` as Knative runs it, its own process on the dev host's data (the image bundle,
 * dist/image, when `npm run build:image-artifact` has been run, else its entry from source), and through the dev
 * host (`npm start`, every function in one process, from source), which wrote the articles:
 * - the frontend's first page, `GET /api/v1/articles/simple?cursor=9007199254740990&limit=20&status=PUBLISHED`
 *   (anonymous, as its server-side render sends it), served from the read cache;
 * - the same page uncached: every request asks a cursor of its own above every article id, so it is the same 20
 *   articles, bytes for bytes, but a cache miss (database query, then the cache write);
 * - an article's detail, `GET /api/v1/articles/{id}`, cached;
 * - functions-framework's hello world on its own CLI (Express), against bare node:http answering its bytes.
 *
 * Telemetry is each process's profile default (on in services), exporting to a sink in this process.
 * Each row also gives the server process's CPU time per request answered (from /proc, warm-up included), which the
 * load of other processes on the machine moves much less than requests per second.
 * BENCH_COMPARE_BUNDLE=<dir>/main.mjs adds the rows of another build of the image (say, main's) in the same run.
 * Usage: node bench/simple-throughput.ts [services|embedded]   (services needs the PILOG_TEST_* values)
 */
const FIRST_CURSOR = 9007199254740990;
const pagePath = (cursor: number): string => `/api/v1/articles/simple?cursor=${cursor}&limit=20&status=PUBLISHED`;
const PATH = pagePath(FIRST_CURSOR);
const CONNECTIONS = 50;
const WARMUP_MS = 2_000;
const DURATION_MS = 10_000;
const ARTICLES = 30;


interface LoadResult {
  readonly requests: number;
  /** The server process's CPU time per request answered, warm-up included, in microseconds. */
  readonly cpuMicrosPerRequest: number;
  readonly errors: number;
  readonly perSecond: number;
  readonly latencies: number[];
}

/**
 * `CONNECTIONS` loops, each sending the next request when the last one is answered, on its own kept-alive socket;
 * `path` gives the path of the n-th request.
 */
async function load(base: string, pid: number, path: (n: number) => string): Promise<LoadResult> {
  const { port } = new URL(base);
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  let sentCount = 0;
  const get = () =>
    new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: path(sentCount++), agent }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      req.end();
    });
  const latencies: number[] = [];
  let errors = 0;
  let answered = 0;
  const cpuBefore = await cpuMsOf(pid);
  const start = performance.now();
  const measureFrom = start + WARMUP_MS;
  const end = measureFrom + DURATION_MS;
  const loop = async () => {
    while (performance.now() < end) {
      const sent = performance.now();
      const status = await get().catch(() => 0);
      answered += 1;
      if (sent < measureFrom) continue;
      latencies.push(performance.now() - sent);
      if (status !== 200) errors += 1;
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, loop));
  const cpuMicrosPerRequest = ((await cpuMsOf(pid)) - cpuBefore) * 1000 / answered;
  agent.destroy();
  return { requests: latencies.length, cpuMicrosPerRequest, errors, perSecond: latencies.length / (DURATION_MS / 1000), latencies };
}

/** What the bare server answers: the body of the first prefix the request path starts with. */
type BarePayloads = ReadonlyArray<readonly [prefix: string, body: string]>;

async function startBare(payloads: BarePayloads): Promise<{ base: string; process: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--bare-server'], { env: { ...process.env, PORT: String(port), BARE_PAYLOADS: JSON.stringify(payloads) }, stdio: 'ignore' });
  return { base: await answering(`http://127.0.0.1:${port}`, '/'), process: child };
}

/** Functions-framework's hello world on its own CLI (bench/ff-hello.cjs). */
async function startFrameworkHello(): Promise<{ base: string; process: ChildProcess }> {
  const port = await freePort();
  const cli = fileURLToPath(new URL('../node_modules/@google-cloud/functions-framework/build/src/main.js', import.meta.url));
  const child = spawn(process.execPath, [cli, '--target=hello', `--source=${fileURLToPath(new URL('./ff-hello.cjs', import.meta.url))}`], { env: { ...process.env, PORT: String(port) }, stdio: 'ignore' });
  return { base: await answering(`http://127.0.0.1:${port}`, '/'), process: child };
}

/**
 * `blog-read-articles` in a process of its own on the dev host's data: the image bundle if built, else from source.
 * In the embedded profile its read cache is its own, in services it shares Redis with the dev host.
 */
async function startReadFunction(pilogEnv: Readonly<Record<string, string>>, bundle = fileURLToPath(new URL('../dist/image/main.mjs', import.meta.url))): Promise<{ base: string; process: ChildProcess; build: string }> {
  const port = await freePort();
  const build = existsSync(bundle) ? `image bundle ${relative(process.cwd(), bundle)}` : 'source';
  const entry = existsSync(bundle) ? bundle : fileURLToPath(new URL('../functions/blog-read-articles/main.ts', import.meta.url));
  const env = { ...process.env, ...pilogEnv, FUNCTION_TARGET: 'blog-read-articles', PORT: String(port), PILOG_LOG_LEVEL: 'error' };
  const child = spawn(process.execPath, [entry], { env, stdio: 'ignore' });
  return { base: await answering(`http://127.0.0.1:${port}`, '/healthz'), process: child, build };
}

/** What an OTLP collector is to the processes measured: takes every export and answers 200. */
async function startTelemetrySink(): Promise<{ endpoint: string; close(): void }> {
  const sink = createServer((req, res) => req.resume().on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{}')));
  await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
  const { port } = sink.address() as AddressInfo;
  return { endpoint: `http://127.0.0.1:${port}`, close: () => sink.close() };
}

async function answering(base: string, path: string): Promise<string> {
  for (;;) {
    try {
      await (await fetch(`${base}${path}`)).arrayBuffer();
      return base;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

async function bodyOf(url: string): Promise<string> {
  const response = await fetch(url);
  const body = await response.text();
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}: ${body.slice(0, 200)}`);
  return body;
}

async function main(profile: 'embedded' | 'services'): Promise<void> {
  const sink = await startTelemetrySink();
  const pilog = await startPilogProcess(profile, { OTEL_EXPORTER_OTLP_ENDPOINT: sink.endpoint });
  const helpers: ChildProcess[] = [];
  try {
    const admin = await signIn(pilog.url, ADMIN_EMAIL);
    let lastArticleId = 0;
    for (let i = 0; i < ARTICLES; i++) {
      const { body } = await admin.json<{ articleId: number }>('POST', '/api/v1/articles');
      await admin.json('PUT', `/api/v1/articles/${body.articleId}/draft`, {
        title: `Throughput article ${i}: 라즈베리 파이 클러스터`,
        contents: `${'본문 '.repeat(100)} ${i}`,
        thumbnailUrl: 'https://github.com/jinia91/blogimg/blob/main/img/bench.png?raw=true',
      });
      await admin.json('POST', `/api/v1/articles/${body.articleId}/tags`, { tagName: `tag${i % 5}` });
      await admin.json('PATCH', `/api/v1/articles/${body.articleId}`, { asIsStatus: 'DRAFT', toBeStatus: 'PUBLISHED' });
      lastArticleId = body.articleId;
    }
    const detailPath = `/api/v1/articles/${lastArticleId}?expectedStatus=PUBLISHED`;
    const page = await bodyOf(`${pilog.url}${PATH}`);
    if ((JSON.parse(page) as unknown[]).length !== 20) throw new Error(`unexpected first page: ${page.slice(0, 200)}`);
    const uncachedPage = await bodyOf(`${pilog.url}${pagePath(FIRST_CURSOR - 1)}`);
    if (uncachedPage !== page) throw new Error('a page at another cursor above every id should be the same bytes as the first page');
    const detail = await bodyOf(`${pilog.url}${detailPath}`);
    const compareBundle = process.env.BENCH_COMPARE_BUNDLE;
    const readers = [await startReadFunction(pilog.env), ...(compareBundle ? [await startReadFunction(pilog.env, compareBundle)] : [])];
    for (const reader of readers) {
      helpers.push(reader.process);
      if ((await bodyOf(`${reader.base}${PATH}`)) !== page) throw new Error(`blog-read-articles (${reader.build}) answered another first page than the dev host`);
    }
    const framework = await startFrameworkHello();
    helpers.push(framework.process);
    const hello = await bodyOf(`${framework.base}/`);
    const bare = await startBare([['/api/v1/articles/simple', page], ['/api/v1/articles/', detail], ['/', hello]]);
    helpers.push(bare.process);

    // Each pilog row right after its bare baseline, so both see the same machine load.
    const rows: Array<{ name: string; baseline: LoadResult; measured: LoadResult; bytes: number }> = [];
    const measure = async (name: string, bytes: number, barePath: string, target: { base: string; pid: number }, path: (n: number) => string) => {
      process.stderr.write(`[bench] ${name} …\n`);
      const baseline = await load(bare.base, bare.process.pid as number, () => barePath);
      rows.push({ name, bytes, baseline, measured: await load(target.base, target.pid, path) });
    };
    // Cursors below those fetched above, a residue of their own for each process (they share Redis in services):
    // each request a miss of its own, and never a cursor at or below an id.
    const servers = [
      ...readers.map((reader) => ({ name: `blog-read-articles ${reader.build}, ${profile}`, base: reader.base, pid: reader.process.pid as number })),
      { name: `dev host from source, ${profile}`, base: pilog.url, pid: pilog.pid },
    ];
    for (const [index, server] of servers.entries()) {
      const { name } = server;
      await measure(`first page, cached (${name})`, Buffer.byteLength(page), PATH, server, () => PATH);
      await measure(`first page, uncached (${name})`, Buffer.byteLength(page), PATH, server, (n) => pagePath(FIRST_CURSOR - 2 - index - servers.length * n));
      await measure(`article detail, cached (${name})`, Buffer.byteLength(detail), detailPath, server, () => detailPath);
    }
    await measure('functions-framework hello world', Buffer.byteLength(hello), '/', { base: framework.base, pid: framework.process.pid as number }, () => '/');

    const ratio = (of: number, to: number, digits: number) => `${(of / to).toFixed(digits)}x`;
    console.log(`${CONNECTIONS} connections, ${DURATION_MS / 1000} s after ${WARMUP_MS / 1000} s warm-up per row, each against bare node:http answering the same bytes just before it; Node ${process.version}`);
    console.log('| row | bytes | bare req/s | req/s | req/s vs bare | bare p99 ms | p50 ms | p99 ms | p99 vs bare | bare CPU µs/req | CPU µs/req | CPU/req vs bare | errors |');
    console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
    for (const { name, bytes, baseline, measured } of rows) {
      const p99 = percentile(measured.latencies, 99);
      const bareP99 = percentile(baseline.latencies, 99);
      console.log(
        `| ${name} | ${bytes} | ${baseline.perSecond.toFixed(0)} | ${measured.perSecond.toFixed(0)} | ${ratio(measured.perSecond, baseline.perSecond, 2)} | ${bareP99.toFixed(2)} | ${median(measured.latencies).toFixed(2)} | ${p99.toFixed(2)} | ${ratio(p99, bareP99, 1)} | ${baseline.cpuMicrosPerRequest.toFixed(0)} | ${measured.cpuMicrosPerRequest.toFixed(0)} | ${ratio(measured.cpuMicrosPerRequest, baseline.cpuMicrosPerRequest, 1)} | ${measured.errors + baseline.errors} |`,
      );
    }
  } finally {
    for (const helper of helpers) helper.kill('SIGKILL');
    await pilog.close();
    sink.close();
  }
}

if (import.meta.main && process.argv[2] === '--bare-server') {
  const payloads = (JSON.parse(process.env.BARE_PAYLOADS ?? '[]') as BarePayloads).map(([prefix, body]) => [prefix, Buffer.from(body)] as const);
  createServer((req, res) => {
    const payload = payloads.find(([prefix]) => (req.url ?? '/').startsWith(prefix))?.[1] ?? Buffer.alloc(0);
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': payload.length });
    res.end(payload);
  }).listen(Number(process.env.PORT), '127.0.0.1');
} else if (import.meta.main) {
  await main(process.argv[2] === 'embedded' ? 'embedded' : 'services');
}
