import { systemClock } from '../../kernel/clock.ts';
import type { DatabaseHandle } from '../../platform/database/database.ts';
import type { Logger } from '../../platform/logging/logger.ts';
import { openPlatform } from '../../platform/runtime/open-platform.ts';
import { createMarkedRenderer } from '../adapters/markdown-renderer.marked.ts';
import { openSeo } from '../adapters/open-seo.ts';
import { loadSeoConfig } from '../adapters/seo-settings.ts';
import { createSqlSeoStore } from '../adapters/seo-store.sql.ts';
import type { SeoTables } from '../adapters/seo-tables.ts';
import type { RegenerateFeedsDeps } from '../application/regenerate-feeds.ts';
import type { FeedSite } from '../domain/feeds.ts';
import type { ArticleChange, PublishedArticle } from '../domain/published-article.ts';

/** A site whose two base URLs differ, so a test can tell article links from feed links. */
export const testSite: FeedSite = {
  siteUrl: 'https://blog.example',
  publicApiUrl: 'https://api.blog.example',
  title: "Jinia's Log",
  description: '지니아의 종합 웹앱 플랫폼 사이트 입니다',
  author: 'jinia',
  items: 3,
};

/** The variables that make the SEO functions describe `testSite`, for a test platform running them. */
export const testSiteEnv = {
  PILOG_SITE_URL: testSite.siteUrl,
  PILOG_PUBLIC_API_URL: testSite.publicApiUrl,
  PILOG_FEED_ITEMS: String(testSite.items),
} as const;

/** The SEO use cases' dependencies on a database a test opened: `testSite`, the real renderer, no coalescing. */
export function seoDepsOn(database: DatabaseHandle, overrides: Partial<RegenerateFeedsDeps> = {}): RegenerateFeedsDeps {
  const store = createSqlSeoStore(database.db.withTables<SeoTables>(), database.dialect, systemClock);
  return { store, markdown: createMarkedRenderer(), site: testSite, clock: systemClock, coalesceMs: 0, ...overrides };
}

/** The SEO use cases as the functions open them, on a test platform's variables (`platform.open(openSeoForTest)`). */
export async function openSeoForTest(env: Readonly<Record<string, string>>, logger: Logger): Promise<RegenerateFeedsDeps & { close(): Promise<void> }> {
  const config = loadSeoConfig(env);
  const platform = openPlatform(config.database, { name: 'seo-test', logger });
  return { ...(await openSeo(platform, config)), close: platform.close };
}

const T0 = Date.parse('2025-03-20T11:52:56.000Z');
const HOUR = 3_600_000;

/** A published article; `id` also spaces its times an hour apart, so order by id and by time agree by default. */
export const aPublishedArticle = (id: number, overrides: Partial<PublishedArticle> = {}): PublishedArticle => ({
  id,
  title: `Article ${id}`,
  body: `# Article ${id}\n\nThe body of article **${id}**.`,
  createdAt: T0 + id * HOUR,
  publishedAt: T0 + id * HOUR + 60_000,
  lastPublishedAt: T0 + id * HOUR + 120_000,
  ...overrides,
});

export const published = (article: PublishedArticle, version = 1, changedAt = article.lastPublishedAt): ArticleChange => ({
  kind: 'published',
  article,
  version,
  changedAt,
});

export const withdrawn = (articleId: number, version: number, changedAt: number): ArticleChange => ({ kind: 'withdrawn', articleId, version, changedAt });
