/** What the feeds say about the site, from configuration: one canonical site URL for every link (contract §4). */
export interface FeedSite {
  /** `PILOG_SITE_URL`, no trailing slash: the home page and `/blog/{id}` article pages. */
  readonly siteUrl: string;
  /** `PILOG_PUBLIC_API_URL`, no trailing slash: where pilog serves the feeds (self links, sitemap files). */
  readonly publicApiUrl: string;
  readonly title: string;
  readonly description: string;
  readonly author: string;
  /** How many of the newest articles RSS and Atom carry. */
  readonly items: number;
}

export const articleUrl = (site: FeedSite, articleId: number): string => `${site.siteUrl}/blog/${articleId}`;

export const feedPaths = { sitemap: '/api/seo/sitemap', rss: '/api/seo/rss', atom: '/api/seo/atom' } as const;

export const sitemapFileUrl = (site: FeedSite, page: number): string => `${site.publicApiUrl}${feedPaths.sitemap}/${page}`;

const SITEMAP_FILE_PREFIX = 'sitemap/';

/** The documents the generator writes and the serve function answers with, by stored name. */
export const feedNames = {
  sitemap: 'sitemap',
  rss: 'rss',
  atom: 'atom',
  sitemapFilePrefix: SITEMAP_FILE_PREFIX,
  sitemapFile: (page: number): string => `${SITEMAP_FILE_PREFIX}${page}`,
} as const;

/** The page number of a numbered sitemap file's name, else null. */
export function sitemapFileNumber(name: string): number | null {
  if (!name.startsWith(SITEMAP_FILE_PREFIX)) return null;
  const page = Number(name.slice(SITEMAP_FILE_PREFIX.length));
  return Number.isSafeInteger(page) && page > 0 ? page : null;
}

export const feedContentTypes = {
  sitemap: 'application/xml; charset=utf-8',
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
} as const;

/** A generated document. `lastModified` (epoch ms) is the newest article change it reflects, never the build time. */
export interface FeedDocument {
  readonly name: string;
  readonly contentType: string;
  readonly body: string;
  readonly lastModified: number;
}

/** As stored: with the entity tag of its bytes, so every serve instance answers conditional requests alike. */
export interface StoredFeed extends FeedDocument {
  readonly etag: string;
  readonly generatedAt: number;
}
