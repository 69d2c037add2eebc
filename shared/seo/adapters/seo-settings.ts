import { loadConfig } from '../../platform/config/load-config.ts';
import { DEV_PUBLIC_API_URL, platformSettings, requireSetting } from '../../platform/config/platform-settings.ts';
import { integer, text, url } from '../../platform/config/setting.ts';
import type { DatabaseSettings } from '../../platform/database/database.ts';
import type { FeedSite } from '../domain/feeds.ts';

/** The settings of every SEO function (contract §0.8). */
export const seoSettings = {
  profile: platformSettings.profile,
  dataDir: platformSettings.dataDir,
  mysqlUrl: platformSettings.mysqlUrl,
  siteUrl: url('PILOG_SITE_URL', { default: 'https://www.jiniaslog.co.kr', description: 'the one canonical site URL (no trailing slash) for sitemap, RSS and Atom links' }),
  publicApiUrl: {
    ...url('PILOG_PUBLIC_API_URL', { default: '', description: "pilog's own public base URL: feed self links and sitemap-index children; required in services" }),
    defaultText: `${DEV_PUBLIC_API_URL} in embedded, required in services`,
  },
  feedItems: integer('PILOG_FEED_ITEMS', 1, 1000, { default: 50, description: 'how many of the newest articles RSS and Atom carry' }),
  feedTitle: text('PILOG_FEED_TITLE', { default: "Jinia's Log", description: 'RSS and Atom title' }),
  feedDescription: text('PILOG_FEED_DESCRIPTION', { default: '지니아의 종합 웹앱 플랫폼 사이트 입니다', description: 'RSS channel description' }),
  feedAuthor: text('PILOG_FEED_AUTHOR', { default: 'jinia', description: 'Atom feed author name' }),
  coalesceSeconds: integer('PILOG_SEO_COALESCE_S', 0, 50, {
    default: 10,
    description: 'after article changes, the feeds are regenerated at most once per this many seconds (fresh within it plus one generation)',
  }),
};

export interface SeoConfig {
  readonly database: DatabaseSettings;
  readonly site: FeedSite;
  readonly coalesceMs: number;
}

export function loadSeoConfig(env: Readonly<Record<string, string | undefined>>): SeoConfig {
  const config = loadConfig(seoSettings, env);
  const publicApiUrl =
    config.publicApiUrl !== '' || config.profile === 'services'
      ? requireSetting(config.publicApiUrl, 'PILOG_PUBLIC_API_URL', 'in the services profile')
      : DEV_PUBLIC_API_URL;
  return {
    database: { profile: config.profile, dataDir: config.dataDir, mysqlUrl: config.mysqlUrl },
    site: {
      siteUrl: config.siteUrl,
      publicApiUrl,
      title: config.feedTitle,
      description: config.feedDescription,
      author: config.feedAuthor,
      items: config.feedItems,
    },
    coalesceMs: config.coalesceSeconds * 1000,
  };
}
