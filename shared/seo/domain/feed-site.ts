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
