import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manifests } from '../../functions/registry.ts';
import { buildImageArtifact, imageTools, type ImageArtifact } from './build-artifact.ts';
import { runtimePackages } from './runtime-packages.ts';
import { warmCompileCache } from './warm-compile-cache.ts';
import { probeRecorded } from '../../shared/events/testing/probe-event.ts';
import { openEmptyTestDatabase, openTestDatabase } from '../../shared/platform/database/testing/test-databases.ts';
import { consumeUntil, createTopic, headerText, testKafkaBrokers } from '../../shared/platform/messaging/testing/test-kafka.ts';
import { FAST_PATH_LEASE_MS } from '../../shared/platform/outbox/append-to-outbox.ts';
import { appendCommitted, manualClock, probe, stampsAt } from '../../shared/platform/outbox/testing/outbox-fixtures.ts';
import { metricCatalog } from '../../shared/platform/telemetry/metric-catalog.ts';
import { startOtlpReceiver } from '../../shared/platform/telemetry/testing/otlp-receiver.ts';
import { postPing } from '../dev-host/ping-source.ts';
import type { BlogTables } from '../../shared/blog/adapters/blog-tables.ts';

const work = mkdtempSync(join(tmpdir(), 'pilog-image-'));
const artifactDir = join(work, 'app');
let artifact: ImageArtifact;

beforeAll(async () => {
  artifact = await buildImageArtifact({ outDir: artifactDir, nodeModules: fileURLToPath(new URL('../../node_modules', import.meta.url)) });
}, 120_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });

/**
 * The services the test machine runs (tools/services), as production would give them; not production itself
 * (NODE_ENV stays unset) so the development identity provider may stand in for Google. The media store's GitHub
 * settings only need to be well-formed: nothing is uploaded at start.
 */
const servicesProfile = (): Record<string, string> => ({
  PILOG_PROFILE: 'services',
  PILOG_MYSQL_URL: process.env.PILOG_TEST_MYSQL_URL ?? '',
  PILOG_REDIS_URL: process.env.PILOG_TEST_REDIS_URL ?? '',
  PILOG_KAFKA_BROKERS: process.env.PILOG_TEST_KAFKA_BROKERS ?? '',
  PILOG_OPENSEARCH_URL: process.env.PILOG_TEST_OPENSEARCH_URL ?? '',
  PILOG_JWT_SECRET: 'artifact-test-secret-of-at-least-32-bytes',
  PILOG_DEV_IDP: 'true',
  PILOG_PUBLIC_API_URL: 'http://127.0.0.1:8080',
  PILOG_GITHUB_REPOSITORY: 'pilog/images',
  PILOG_GITHUB_TOKEN: 'artifact-test-token',
});

interface Started {
  readonly healthy: boolean;
  readonly health?: unknown;
  readonly output: string;
}

/**
 * Starts one function the way the image does — `node main.mjs` in the artifact directory, nothing else on the
 * module path — and asks /healthz until it answers or the process gives up; `whileRunning` may then use it.
 */
async function start(
  functionName: string,
  profileEnv: Record<string, string>,
  whileRunning?: (url: string) => Promise<void>,
  onStderr?: (chunk: string) => void,
): Promise<Started> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(work, `${functionName}-`));
  const child: ChildProcess = spawn(process.execPath, ['main.mjs'], {
    cwd: artifactDir,
    env: { PATH: '/usr/bin:/bin', FUNCTION_TARGET: functionName, PORT: String(port), PILOG_DATA_DIR: dataDir, PILOG_LOG_LEVEL: 'warn', ...profileEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => {
    output += chunk;
    onStderr?.(String(chunk));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let gone = false;
  void exited.then(() => (gone = true));
  try {
    for (const deadline = Date.now() + 15_000; Date.now() < deadline && !gone; ) {
      try {
        const response = await fetch(`http://127.0.0.1:${port}/healthz`);
        if (response.status === 200) {
          const health: unknown = await response.json();
          await whileRunning?.(`http://127.0.0.1:${port}/`);
          return { healthy: true, health, output };
        }
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return { healthy: false, output };
  } finally {
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 12_000))]);
  }
}

describe('the image runtime artifact', () => {
  it('holds one bundle per function, the launcher and only the packages that cannot be bundled', () => {
    expect(readdirSync(join(artifactDir, 'functions')).sort()).toEqual(manifests.map((m) => m.name).sort());
    for (const manifest of manifests) expect(existsSync(join(artifactDir, 'functions', manifest.name, 'main.mjs'))).toBe(true);
    expect(readdirSync(artifactDir).sort()).toEqual(['functions', 'main.mjs', 'node_modules', 'package.json', 'tools']);
    expect(readdirSync(join(artifactDir, 'tools')).sort()).toEqual(Object.keys(imageTools).sort());
    const shipped = artifact.packages.map((p) => p.replace(/@[^@]+$/, ''));
    for (const runtimePackage of runtimePackages) expect(shipped).toContain(runtimePackage.name);
    // The rest is bundled: the database, broker and search clients are not shipped as packages.
    for (const bundled of ['kysely', 'mysql2', 'ioredis', '@platformatic/kafka', '@opensearch-project/opensearch', '@google-cloud/functions-framework', '@sinclair/typebox']) {
      expect(shipped).not.toContain(bundled);
    }
    // Nothing above the artifact could lend it a module: Node would find a node_modules in any ancestor.
    for (let dir = dirname(artifactDir); dir !== dirname(dir); dir = dirname(dir)) expect(existsSync(join(dir, 'node_modules')), dir).toBe(false);
  });

  it('bundles into each function its own entry and none of the other functions’ code', () => {
    // Only the API docs read every manifest (names, routes, settings), and never another function's code.
    const manifestOnly = /^functions\/(registry\.ts|[^/]+\/(function|routes)\.ts)$/;
    for (const bundle of artifact.bundles) {
      const foreign = bundle.inputs.filter((input) => input.startsWith('functions/') && !input.startsWith(`functions/${bundle.functionName}/`));
      const code = bundle.functionName === 'docs-serve-api' ? foreign.filter((input) => !manifestOnly.test(input)) : foreign;
      expect({ bundle: bundle.functionName, foreign: code }, 'a function imports another function’s module: move what both need into shared/').toEqual({
        bundle: bundle.functionName,
        foreign: [],
      });
      expect(bundle.inputs).toContain(`functions/${bundle.functionName}/main.ts`);
    }
  });

  it('carries in each function’s bundle only the heavy packages that function uses', () => {
    const heavy = {
      kafka: ['@platformatic/kafka'],
      oidc: ['openid-client', 'oidc-provider'],
      github: ['@octokit/'],
      opensearch: ['@opensearch-project/'],
      markdown: ['marked'],
      multipart: ['busboy'],
      websocket: ['ws'],
      express: ['express', 'body-parser'],
    } as const;
    type Heavy = keyof typeof heavy;
    // Read-only and event functions that publish nothing carry no Kafka client; only sign-in carries OIDC.
    const uses: Readonly<Record<string, readonly Heavy[]>> = {
      'docs-serve-api': [],
      'events-sweep-outbox': ['kafka'],
      'auth-manage-session': ['kafka', 'oidc'],
      'seo-generate-feeds': ['markdown'],
      'seo-serve-feeds': ['markdown'],
      'seo-track-articles': ['markdown'],
      'memo-save-memo': ['kafka'],
      'memo-purge-sandbox': ['kafka'],
      'comment-add-comment': ['kafka'],
      'comment-track-articles': [],
      'comment-track-authors': [],
      'media-upload-image': ['github', 'multipart'],
      'blog-read-articles': ['opensearch'],
      'blog-publish-post': ['kafka'],
      'search-index-articles': ['opensearch'],
      'realtime-autosave': ['kafka', 'websocket'],
    };
    const carried = (inputs: readonly string[]): Heavy[] =>
      (Object.keys(heavy) as Heavy[]).filter((group) => heavy[group].some((name) => inputs.some((input) => input.includes(`node_modules/${name}`))));
    expect(Object.keys(uses).sort()).toEqual(manifests.map((m) => m.name).sort());
    expect(Object.fromEntries(artifact.bundles.map((bundle) => [bundle.functionName, carried(bundle.inputs)]))).toEqual(uses);
  });

  it('starts a function from the compile cache its warm-up wrote', { timeout: 60_000 }, async () => {
    await warmCompileCache(artifactDir, ['docs-serve-api']);
    expect(readdirSync(join(artifactDir, 'functions/docs-serve-api/compile-cache')).length).toBeGreaterThan(0);
    const started = await start('docs-serve-api', { PILOG_PROFILE: 'embedded', NODE_DEBUG_NATIVE: 'COMPILE_CACHE' });
    expect(started.healthy, started.output).toBe(true);
    expect(started.output).toMatch(/V8 code cache for ESM file:\/\/\S+\/functions\/docs-serve-api\/main\.mjs was accepted/);
  });

  it('warms the services profile’s client code too, without any service running', { timeout: 60_000 }, async () => {
    await warmCompileCache(artifactDir, ['blog-read-articles']);
    const started = await start('blog-read-articles', { ...servicesProfile(), NODE_DEBUG_NATIVE: 'COMPILE_CACHE' });
    expect(started.healthy, started.output).toBe(true);
    // The Redis client is bundled (one chunk instead of ~60 CommonJS files) and its chunk compiled from the cache.
    const bundleDir = join(artifactDir, 'functions/blog-read-articles');
    const redisChunk = readdirSync(bundleDir).find((file) => file.endsWith('.mjs') && readFileSync(join(bundleDir, file), 'utf8').includes('"ioredis:connect"'));
    expect(redisChunk).toBeDefined();
    expect(started.output).toContain(`V8 code cache for ESM file://${bundleDir}/${redisChunk} was accepted`);
    expect(started.output).not.toMatch(/for CommonJS \S+\/node_modules\//);
  });

  it('exports the first request’s span and the cold start from a bundle with telemetry on, on SIGTERM', { timeout: 60_000 }, async () => {
    const receiver = await startOtlpReceiver();
    try {
      const telemetry = { PILOG_PROFILE: 'embedded', PILOG_TELEMETRY: 'on', OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint };
      const started = await start('docs-serve-api', telemetry, async (url) => {
        expect((await fetch(`${url}api/docs/openapi.json`)).status).toBe(200);
      });
      expect(started.healthy, started.output).toBe(true);
      expect(receiver.spans.find((span) => span.service === 'docs-serve-api' && span.name.startsWith('GET /api/docs'))).toMatchObject({
        attributes: { 'http.response.status_code': 200 },
      });
      expect(receiver.points.find((point) => point.service === 'docs-serve-api' && point.metric === metricCatalog.coldStart.name)).toMatchObject({ count: 1 });
    } finally {
      await receiver.close();
    }
  });

  it('bundles OpenTelemetry’s ES module builds, with the OTLP exporters in a chunk loaded on the first export', () => {
    // A CommonJS build is bundled whole (all of semantic-conventions); an ES module build is tree-shaken.
    const repoFile = (input: string) => fileURLToPath(new URL(`../../${input}`, import.meta.url));
    const commonJsBesideEsmBuild = (input: string) => input.endsWith('.cjs') || (input.includes('/build/src/') && existsSync(repoFile(input.replace(/\/build\/src\/.*$/, '/build/esm'))));
    for (const bundle of artifact.bundles) {
      const commonJs = bundle.inputs.filter((input) => input.includes('node_modules/@opentelemetry/') && commonJsBesideEsmBuild(input));
      expect(commonJs, `${bundle.functionName} bundles OpenTelemetry's CommonJS builds`).toEqual([]);
      const chunks = readdirSync(bundle.dir).filter((name) => name.endsWith('.mjs'));
      const code = (file: string) => readFileSync(join(bundle.dir, file), 'utf8');
      const holding = (name: string) => chunks.filter((file) => code(file).includes(`"${name}"`));
      const staticImports = (file: string) => [...code(file).matchAll(/(?:from|import)"\.\/(chunk-\w+\.mjs)"/g)].map((match) => match[1] ?? '');
      const loadedAtStart = new Set<string>();
      const visit = (file: string): void => {
        if (loadedAtStart.has(file)) return;
        loadedAtStart.add(file);
        staticImports(file).forEach(visit);
      };
      // What the entry imports, and the SDK telemetry.ts imports when telemetry is on (keepNames keeps class names).
      ['main.mjs', ...holding('BasicTracerProvider')].forEach(visit);
      expect(holding('OTLPTraceExporter'), bundle.functionName).toHaveLength(1);
      expect(holding('OTLPTraceExporter').filter((file) => loadedAtStart.has(file)), bundle.functionName).toEqual([]);
    }
  });

  it('takes Node built-ins without an ESM import, whose facade of node:http would load undici', () => {
    // The banner's `node:module` (for createRequire) is the one built-in the bundles import.
    const importedBuiltins = (code: string): string[] =>
      [...code.matchAll(/\b(?:from|import)\s*["']([^"']+)["']/g)].map((match) => match[1] ?? '').filter((name) => isBuiltin(name) && name !== 'node:module');
    for (const bundle of artifact.bundles) {
      for (const file of readdirSync(bundle.dir).filter((name) => name.endsWith('.mjs'))) {
        expect(importedBuiltins(readFileSync(join(bundle.dir, file), 'utf8')), `${bundle.functionName}/${file}`).toEqual([]);
      }
    }
  });

  it('runs the site export and restore with plain node from their bundles, as the backup CronJob does', { timeout: 60_000 }, async () => {
    const [site, empty] = await Promise.all([openTestDatabase('mysql'), openEmptyTestDatabase('mysql')]);
    const runTool = (name: string, dir: string, env: Record<string, string>) =>
      new Promise<{ code: number | null; output: string }>((resolve) => {
        const child = spawn(process.execPath, [join(artifactDir, 'tools', name, 'main.mjs'), dir], { cwd: work, env: { PATH: '/usr/bin:/bin', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
        let output = '';
        child.stdout.on('data', (chunk) => (output += chunk));
        child.stderr.on('data', (chunk) => (output += chunk));
        child.once('exit', (code) => resolve({ code, output }));
      });
    try {
      await site.db.withTables<BlogTables>().insertInto('blog_tags').values({ id: 7, name: '백업', name_key: '백업', created_at: 0 }).execute();
      const backup = join(work, 'backup');
      const exported = await runTool('export', backup, site.env);
      expect(exported, exported.output).toMatchObject({ code: 0, output: expect.stringContaining('exported 7 files') });
      expect(readFileSync(join(backup, 'tags.jsonl'), 'utf8')).toBe('{"id":7,"name":"백업","createdAt":"1970-01-01T00:00:00.000Z"}\n');
      const restored = await runTool('restore', backup, empty.env);
      expect(restored, restored.output).toMatchObject({ code: 0, output: expect.stringContaining('tags.jsonl 1') });
    } finally {
      await Promise.all([site.close(), empty.close()]);
    }
  });

  it('refuses a FUNCTION_TARGET it has no bundle for, naming the choices', async () => {
    const started = await start('no-such-function', { PILOG_PROFILE: 'embedded' });
    expect(started.healthy).toBe(false);
    expect(started.output).toContain('FUNCTION_TARGET must be one of docs-serve-api');
  });

  /** Starts every function, three at a time, and reports which answered /healthz. */
  async function startAll(profileEnv: Record<string, string>): Promise<Array<{ name: string; healthy: boolean; output?: string }>> {
    const results: Array<{ name: string; healthy: boolean; output?: string }> = [];
    const queue = [...manifests];
    const worker = async (): Promise<void> => {
      for (let manifest = queue.shift(); manifest; manifest = queue.shift()) {
        const started = await start(manifest.name, profileEnv);
        // Healthy means the bundle of the right function answered: /healthz names the function it serves.
        const healthy = started.healthy && (started.health as { function?: string }).function === manifest.name;
        results.push({ name: manifest.name, healthy, ...(healthy ? {} : { output: started.output.slice(-1500) }) });
      }
    };
    await Promise.all([worker(), worker(), worker()]);
    return results;
  }

  it('starts every function with plain node in the embedded profile and answers its health check', { timeout: 120_000 }, async () => {
    const results = await startAll({ PILOG_PROFILE: 'embedded' });
    process.stderr.write(`[image] embedded: ${results.map((r) => `${r.name} ${r.healthy ? 'ok' : 'FAILED'}`).join(', ')}\n`);
    expect(results.filter((r) => !r.healthy)).toEqual([]);
    expect(results).toHaveLength(manifests.length);
  });

  it('starts every function in the services profile (MySQL, Redis, Kafka, OpenSearch clients from the bundle)', { timeout: 120_000 }, async () => {
    const results = await startAll(servicesProfile());
    process.stderr.write(`[image] services: ${results.map((r) => `${r.name} ${r.healthy ? 'ok' : 'FAILED'}`).join(', ')}\n`);
    expect(results.filter((r) => !r.healthy)).toEqual([]);
    expect(results).toHaveLength(manifests.length);
  });

  it('publishes to Kafka from an event function’s bundle with nothing on stderr (no TimeoutNegativeWarning)', { timeout: 60_000 }, async () => {
    const database = await openTestDatabase('mysql');
    try {
      await createTopic(testKafkaBrokers(), probeRecorded.topic);
      const [left] = await appendCommitted(database.db, [probe('image-sweep')], stampsAt(manualClock(Date.now() - FAST_PATH_LEASE_MS)));
      let stderr = '';
      const started = await start('events-sweep-outbox', { ...servicesProfile(), ...database.env }, async (url) => {
        expect((await postPing(url, 'events-sweep-outbox')).status).toBe(200);
      }, (chunk) => (stderr += chunk));
      expect(started.healthy, started.output).toBe(true);
      const consumed = await consumeUntil(testKafkaBrokers(), probeRecorded.topic, (messages) => messages.some((m) => headerText(m, 'ce_id') === left?.id));
      expect(consumed.some((m) => headerText(m, 'ce_id') === left?.id)).toBe(true);
      expect(stderr).toBe('');
    } finally {
      await database.close();
    }
  });
});
