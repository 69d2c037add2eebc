import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Kysely } from 'kysely';
import { systemClock } from '../../../shared/kernel/clock.ts';
import { openTestDatabase, type TestDatabase } from '../../../shared/platform/database/testing/test-databases.ts';
import type { SqlDialect } from '../../../shared/platform/database/database.ts';
import { createCors } from '../../../shared/platform/http/cors.ts';
import { createHttpEdge } from '../../../shared/platform/http/edge.ts';
import { edgeRoutes } from '../../../shared/platform/http/edge-routes.ts';
import { createLogger } from '../../../shared/platform/logging/logger.ts';
import { registeredListener } from '../../../shared/platform/runtime/register-function.ts';
import type { RunningFunction } from '../../../shared/platform/runtime/running-function.ts';
import { createSqlSeoStore } from '../../../shared/seo/adapters/seo-store.sql.ts';
import type { SeoTables } from '../../../shared/seo/adapters/seo-tables.ts';
import type { SeoStore } from '../../../shared/seo/ports/seo-store.port.ts';
import { deliverArticleEvent, type ArticleEventSpec } from '../../../shared/seo/testing/article-events.ts';
import { manifest as generateFeeds } from '../../seo-generate-feeds/function.ts';
import { manifest as trackArticles } from '../../seo-track-articles/function.ts';
import { manifest as serveFeeds } from '../function.ts';
import { postPing } from '../../../tools/dev-host/ping-source.ts';
import { loadFunction } from '../../function-modules.ts';

export const FRONTEND_ORIGIN = 'http://localhost:3000';
export const SITE_URL = 'https://blog.example';
export const PUBLIC_API_URL = 'https://api.blog.example';

export interface SeoTestServer {
  /** The edge in front of seo-serve-feeds. */
  readonly base: string;
  readonly database: TestDatabase;
  /** The same tables, for a test to look into. */
  readonly store: SeoStore;
  readonly logLines: string[];
  /** GET through the edge from the frontend's origin. */
  get(path: string, headers?: Record<string, string>): Promise<Response>;
  /** Delivers an article event to seo-track-articles as a KafkaSource would. */
  deliver(spec: ArticleEventSpec, extensions?: Record<string, string>): Promise<Response>;
  /** Fires seo-generate-feeds as its PingSource would. */
  ping(): Promise<Response>;
  close(): Promise<void>;
}

const listen = async (listener: RequestListener): Promise<{ server: Server; url: string }> => {
  const server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
};

const ping = (url: string) => postPing(url, 'seo-generate-feeds');

/**
 * The three SEO functions as production runs them, on a database of their own: seo-serve-feeds behind the edge,
 * seo-track-articles and seo-generate-feeds reached over HTTP with binary-mode CloudEvents.
 */
export async function startSeoTestServer(dialect: SqlDialect, extraEnv: Record<string, string> = {}): Promise<SeoTestServer> {
  const database = await openTestDatabase(dialect);
  const env = { ...database.env, PILOG_SITE_URL: SITE_URL, PILOG_PUBLIC_API_URL: PUBLIC_API_URL, PILOG_FEED_ITEMS: '3', ...extraEnv };
  const logLines: string[] = [];
  const logger = createLogger({ level: 'debug', sink: { write: (line) => void logLines.push(line) } });
  const running: RunningFunction[] = [];
  for (const manifest of [serveFeeds, trackArticles, generateFeeds]) running.push(await (await loadFunction(manifest)).start({ logger, env }));

  const serve = registeredListener(serveFeeds.name);
  const front = await listen(createHttpEdge({ routes: edgeRoutes([serveFeeds]), cors: createCors([FRONTEND_ORIGIN]), trustedProxyHops: 0, dispatch: () => serve }));
  const tracker = await listen(registeredListener(trackArticles.name));
  const generator = await listen(registeredListener(generateFeeds.name));

  return {
    base: front.url,
    database,
    store: createSqlSeoStore(database.db.withTables<SeoTables>(), database.dialect, systemClock),
    logLines,
    get: (path, headers = {}) => fetch(`${front.url}${path}`, { headers: { origin: FRONTEND_ORIGIN, ...headers } }),
    deliver: (spec, extensions) => deliverArticleEvent(tracker.url, spec, extensions),
    ping: () => ping(generator.url),
    async close() {
      for (const { server } of [front, tracker, generator]) {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
      await Promise.all(running.map((fn) => fn.close()));
      await database.close();
    },
  };
}
