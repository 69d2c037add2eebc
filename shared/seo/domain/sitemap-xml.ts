import { w3cDateTime } from './feed-dates.ts';
import { XML_DECLARATION, escapeXml } from './xml-text.ts';

/** The sitemaps.org 0.9 protocol: one namespace for `urlset` and `sitemapindex`. */
export const SITEMAP_NAMESPACE = 'http://www.sitemaps.org/schemas/sitemap/0.9';
/** Per file, by the protocol. */
export const MAX_SITEMAP_URLS = 50_000;
export const MAX_SITEMAP_BYTES = 50 * 1024 * 1024;

export interface SitemapUrl {
  readonly loc: string;
  /** Epoch ms; absent while unknown (the home page before anything is published). */
  readonly lastmod: number | null;
}

const lastmodElement = (lastmod: number | null): string => (lastmod === null ? '' : `<lastmod>${w3cDateTime(lastmod)}</lastmod>`);

export const URLSET_HEAD = `${XML_DECLARATION}<urlset xmlns="${SITEMAP_NAMESPACE}">\n`;
export const URLSET_TAIL = '</urlset>\n';

export const urlElement = (url: SitemapUrl): string => `<url><loc>${escapeXml(url.loc)}</loc>${lastmodElement(url.lastmod)}</url>\n`;

/** The index of numbered sitemap files, each with the newest `lastmod` of its URLs. */
export function sitemapIndexXml(files: readonly SitemapUrl[]): string {
  const entries = files.map((file) => `<sitemap><loc>${escapeXml(file.loc)}</loc>${lastmodElement(file.lastmod)}</sitemap>\n`);
  return `${XML_DECLARATION}<sitemapindex xmlns="${SITEMAP_NAMESPACE}">\n${entries.join('')}</sitemapindex>\n`;
}
