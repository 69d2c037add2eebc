import { spawn, type ChildProcess } from 'node:child_process';
import { Agent, createServer, request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { ADMIN_EMAIL, signIn } from '../functions/blog-publish-post/testing/blog-test-host.ts';
import { startPilogProcess } from '../functions/blog-publish-post/testing/pilog-process.ts';
import { freePort, median } from './measure-process.ts';
import { percentile } from './publish-to-search.ts';

/**
 * The frontend's first page, `GET /api/v1/articles/simple?cursor=9007199254740990&limit=20&status=PUBLISHED`
 * (anonymous, as its server-side render sends it), at 50 keep-alive connections for 10 s after a 2 s warm-up:
 * requests per second and latency percentiles. Beside it, a bare node:http server answering the very same bytes,
 * in the same run.
 *
 * Usage: node bench/simple-throughput.ts [services|embedded]   (services needs the PILOG_TEST_* values)
 */
const PATH = '/api/v1/articles/simple?cursor=9007199254740990&limit=20&status=PUBLISHED';
const CONNECTIONS = 50;
const WARMUP_MS = 2_000;
const DURATION_MS = 10_000;
const ARTICLES = 30;


interface LoadResult {
  readonly requests: number;
  readonly errors: number;
  readonly perSecond: number;
  readonly latencies: number[];
}

/** `CONNECTIONS` loops, each sending the next request when the last one is answered, on its own kept-alive socket. */
async function load(base: string): Promise<LoadResult> {
  const target = new URL(PATH, base);
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const get = () =>
    new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: target.port, path: PATH, agent }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      req.end();
    });
  const latencies: number[] = [];
  let errors = 0;
  const start = performance.now();
  const measureFrom = start + WARMUP_MS;
  const end = measureFrom + DURATION_MS;
  const loop = async () => {
    while (performance.now() < end) {
      const sent = performance.now();
      const status = await get().catch(() => 0);
      if (sent < measureFrom) continue;
      latencies.push(performance.now() - sent);
      if (status !== 200) errors += 1;
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, loop));
  agent.destroy();
  return { requests: latencies.length, errors, perSecond: latencies.length / (DURATION_MS / 1000), latencies };
}

async function startBare(payload: string): Promise<{ base: string; process: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--bare-server'], { env: { ...process.env, PORT: String(port), BARE_PAYLOAD: payload }, stdio: 'ignore' });
  const base = `http://127.0.0.1:${port}`;
  for (;;) {
    try {
      await (await fetch(`${base}${PATH}`)).arrayBuffer();
      return { base, process: child };
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

async function main(profile: 'embedded' | 'services'): Promise<void> {
  const pilog = await startPilogProcess(profile);
  let bare: { base: string; process: ChildProcess } | undefined;
  try {
    const admin = await signIn(pilog.url, ADMIN_EMAIL);
    for (let i = 0; i < ARTICLES; i++) {
      const { body } = await admin.json<{ articleId: number }>('POST', '/api/v1/articles');
      await admin.json('PUT', `/api/v1/articles/${body.articleId}/draft`, {
        title: `Throughput article ${i}: 라즈베리 파이 클러스터`,
        contents: `${'본문 '.repeat(100)} ${i}`,
        thumbnailUrl: 'https://github.com/jinia91/blogimg/blob/main/img/bench.png?raw=true',
      });
      await admin.json('POST', `/api/v1/articles/${body.articleId}/tags`, { tagName: `tag${i % 5}` });
      await admin.json('PATCH', `/api/v1/articles/${body.articleId}`, { asIsStatus: 'DRAFT', toBeStatus: 'PUBLISHED' });
    }
    const page = await fetch(`${pilog.url}${PATH}`);
    const payload = await page.text();
    if (page.status !== 200 || (JSON.parse(payload) as unknown[]).length !== 20) throw new Error(`unexpected first page: ${page.status} ${payload.slice(0, 200)}`);
    bare = await startBare(payload);

    process.stderr.write('[bench] bare node:http …\n');
    const baseline = await load(bare.base);
    process.stderr.write(`[bench] pilog ${profile} …\n`);
    const measured = await load(pilog.url);

    const row = (name: string, r: LoadResult) =>
      `| ${name.padEnd(22)} | ${r.perSecond.toFixed(0).padStart(8)} | ${median(r.latencies).toFixed(2).padStart(7)} | ${percentile(r.latencies, 99).toFixed(2).padStart(7)} | ${String(r.errors).padStart(6)} |`;
    console.log(`GET ${PATH}`);
    console.log(`${CONNECTIONS} connections, ${DURATION_MS / 1000} s after ${WARMUP_MS / 1000} s warm-up, ${Buffer.byteLength(payload)} bytes a response, Node ${process.version}`);
    console.log('| target                 | req/s    | p50 ms  | p99 ms  | errors |');
    console.log('|------------------------|----------|---------|---------|--------|');
    console.log(row('bare node:http', baseline));
    console.log(row(`pilog ${profile}`, measured));
    console.log(`ratio (pilog / bare): throughput ${(measured.perSecond / baseline.perSecond).toFixed(2)}x, p99 ${(percentile(measured.latencies, 99) / percentile(baseline.latencies, 99)).toFixed(1)}x`);
  } finally {
    bare?.process.kill('SIGKILL');
    await pilog.close();
  }
}

if (import.meta.main && process.argv[2] === '--bare-server') {
  const payload = Buffer.from(process.env.BARE_PAYLOAD ?? '[]');
  createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': payload.length });
    res.end(payload);
  }).listen(Number(process.env.PORT), '127.0.0.1');
} else if (import.meta.main) {
  await main(process.argv[2] === 'embedded' ? 'embedded' : 'services');
}
