import { spawn, type ChildProcess } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { ADMIN_EMAIL } from '../functions/testing/platform-env.ts';
import { signIn, type ApiCaller } from '../functions/testing/api-caller.ts';
import { startPilogProcess } from '../functions/testing/pilog-process.ts';
import { freePort, median } from './measure-process.ts';

/**
 * Publish → searchable: for each of N articles (default 200), the time from sending the publish PATCH to the first
 * `GET /api/v1/articles/simple?status=PUBLISHED&keyword=<its word>` that returns it, polling every 25 ms, five
 * articles in flight. Beside it, the same client loop against a bare node:http server that "publishes" into a Set:
 * the floor of two HTTP round trips on this machine, in the same run.
 *
 * Usage: node bench/publish-to-search.ts [services|embedded] [publishes]   (services needs the PILOG_TEST_* values)
 */
const POLL_MS = 25;
const IN_FLIGHT = 5;
const TIMEOUT_MS = 60_000;


const letters = (length: number) => Array.from({ length }, () => String.fromCharCode(97 + randomInt(26))).join('');

interface Target {
  publish(item: string): Promise<void>;
  found(item: string): Promise<boolean>;
}

/** Publishes every item, `IN_FLIGHT` at a time, and answers each one's publish → found latency in ms. */
async function measure(target: Target, items: readonly string[]): Promise<number[]> {
  const latencies: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as string;
      const started = performance.now();
      await target.publish(item);
      while (!(await target.found(item))) {
        if (performance.now() - started > TIMEOUT_MS) throw new Error(`${item} not searchable after ${TIMEOUT_MS} ms`);
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
      latencies.push(performance.now() - started);
      process.stderr.write(`\r[bench] ${latencies.length}/${items.length}`);
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  process.stderr.write('\n');
  return latencies;
}

export const percentile = (values: readonly number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
};

async function startBare(): Promise<{ base: string; process: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--bare-server'], { env: { ...process.env, PORT: String(port) }, stdio: 'ignore' });
  const base = `http://127.0.0.1:${port}`;
  for (;;) {
    try {
      await (await fetch(`${base}/`)).arrayBuffer();
      return { base, process: child };
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

async function prepare(admin: ApiCaller, count: number): Promise<Map<string, number>> {
  const articles = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const word = `pb${letters(10)}`;
    const { body } = await admin.json<{ articleId: number }>('POST', '/api/v1/articles');
    await admin.json('PUT', `/api/v1/articles/${body.articleId}/draft`, {
      title: `Benchmark ${word} 라즈베리 파이`,
      contents: `Publish to search, article ${i}: ${word}. 검색 지연 측정용 본문입니다.`,
      thumbnailUrl: 'https://github.com/jinia91/blogimg/blob/main/img/bench.png?raw=true',
    });
    articles.set(word, body.articleId);
    process.stderr.write(`\r[bench] prepared ${i + 1}/${count} drafts`);
  }
  process.stderr.write('\n');
  return articles;
}

async function main(profile: 'embedded' | 'services', publishes: number): Promise<void> {
  const started = performance.now();
  const pilog = await startPilogProcess(profile);
  const bare = await startBare();
  try {
    const admin = await signIn(pilog.url, ADMIN_EMAIL);
    const articles = await prepare(admin, publishes);
    const words = [...articles.keys()];
    const search = (base: string, word: string) => fetch(`${base}/api/v1/articles/simple?status=PUBLISHED&keyword=${word}`);

    const baseline = await measure(
      {
        publish: async (word) => void (await (await fetch(`${bare.base}/api/v1/articles/${word}`, { method: 'PATCH', body: '{}' })).arrayBuffer()),
        found: async (word) => ((await (await search(bare.base, word)).json()) as unknown[]).length > 0,
      },
      words,
    );
    const pilogLatencies = await measure(
      {
        async publish(word) {
          const { status } = await admin.json('PATCH', `/api/v1/articles/${articles.get(word)}`, { asIsStatus: 'DRAFT', toBeStatus: 'PUBLISHED' });
          if (status !== 200) throw new Error(`publish answered ${status}`);
        },
        async found(word) {
          const response = await search(pilog.url, word);
          if (response.status !== 200) throw new Error(`search answered ${response.status}: ${await response.text()}`);
          return ((await response.json()) as Array<{ id: number }>).some((card) => card.id === articles.get(word));
        },
      },
      words,
    );

    const row = (name: string, values: number[]) =>
      `| ${name.padEnd(34)} | ${median(values).toFixed(1).padStart(8)} | ${percentile(values, 99).toFixed(1).padStart(8)} | ${Math.max(...values).toFixed(1).padStart(8)} |`;
    console.log(`publish → searchable over HTTP, ${publishes} publishes, ${IN_FLIGHT} in flight, polling every ${POLL_MS} ms, Node ${process.version}`);
    console.log('| target                             | p50 ms   | p99 ms   | max ms   |');
    console.log('|------------------------------------|----------|----------|----------|');
    console.log(row('bare node:http (PATCH + GET floor)', baseline));
    console.log(row(`pilog ${profile}`, pilogLatencies));
    console.log(`(whole run ${((performance.now() - started) / 1000).toFixed(0)} s)`);
  } finally {
    bare.process.kill('SIGKILL');
    await pilog.close();
  }
}

if (import.meta.main && process.argv[2] === '--bare-server') {
  const published = new Set<string>();
  createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://bare');
    req.resume();
    req.on('end', () => {
      if (req.method === 'PATCH') published.add(url.pathname.split('/').at(-1) ?? '');
      const keyword = url.searchParams.get('keyword') ?? '';
      res.setHeader('content-type', 'application/json');
      res.end(req.method === 'PATCH' ? '{"articleId":1}' : JSON.stringify(published.has(keyword) ? [{ id: keyword }] : []));
    });
  }).listen(Number(process.env.PORT), '127.0.0.1');
} else if (import.meta.main) {
  await main(process.argv[2] === 'embedded' ? 'embedded' : 'services', Number(process.argv[3] ?? 200));
}
