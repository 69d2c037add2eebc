import { systemClock } from '../../../shared/kernel/clock.ts';
import type { SqlDialect } from '../../../shared/platform/database/database.ts';
import { createSqlSeoStore } from '../../../shared/seo/adapters/seo-store.sql.ts';
import type { SeoTables } from '../../../shared/seo/adapters/seo-tables.ts';
import type { SeoStore } from '../../../shared/seo/ports/seo-store.port.ts';
import { deliverArticleEvent, type ArticleEventSpec } from '../../../shared/seo/testing/article-events.ts';
import { manifest as generateFeeds } from '../../seo-generate-feeds/function.ts';
import { manifest as trackArticles } from '../../seo-track-articles/function.ts';
import { FRONTEND_ORIGIN } from '../../testing/api-caller.ts';
import { startTestPlatform, type FunctionsPlatform } from '../../testing/test-platform.ts';
import { manifest as serveFeeds } from '../function.ts';

/** The three SEO functions on the test platform, in the words their tests speak: the feeds' tables, article events, ticks. */
export interface SeoPlatform extends Omit<FunctionsPlatform, 'deliver' | 'ping'> {
  /** The functions' tables, for a test to look into. */
  readonly store: SeoStore;
  /** GET through the edge from the frontend's origin. */
  get(path: string, headers?: Record<string, string>): Promise<Response>;
  /** Delivers an article event to seo-track-articles as a KafkaSource would. */
  deliver(spec: ArticleEventSpec, extensions?: Record<string, string>): Promise<Response>;
  /** Fires seo-generate-feeds as its PingSource would. */
  ping(): Promise<Response>;
}

/** seo-serve-feeds behind the edge, seo-track-articles and seo-generate-feeds on their sinks, on a database of the dialect. */
export async function startSeoPlatform(dialect: SqlDialect, env: Record<string, string> = {}): Promise<SeoPlatform> {
  const platform = await startTestPlatform(dialect === 'sqlite' ? 'embedded' : 'services', {
    functions: [serveFeeds, trackArticles, generateFeeds],
    env: { PILOG_SITE_URL: 'https://blog.example', PILOG_PUBLIC_API_URL: 'https://api.blog.example', PILOG_FEED_ITEMS: '3', ...env },
  });
  return {
    ...platform,
    store: createSqlSeoStore(platform.database.db.withTables<SeoTables>(), platform.database.dialect, systemClock),
    get: (path, headers = {}) => fetch(`${platform.base}${path}`, { headers: { origin: FRONTEND_ORIGIN, ...headers } }),
    deliver: (spec, extensions) => deliverArticleEvent(platform.sinkOf(trackArticles.name), spec, extensions),
    ping: () => platform.ping(generateFeeds.name),
  };
}
