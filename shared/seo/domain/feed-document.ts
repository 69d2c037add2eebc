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
