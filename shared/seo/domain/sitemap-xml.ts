import { XML_DECLARATION, escapeXml, w3cDateTime } from './xml-text.ts';

/** The sitemaps.org 0.9 protocol: one namespace for `urlset` and `sitemapindex`. */
const SITEMAP_NAMESPACE = 'http://www.sitemaps.org/schemas/sitemap/0.9';
/** Per file, by the protocol. */
export const MAX_SITEMAP_URLS = 50_000;
const MAX_SITEMAP_BYTES = 50 * 1024 * 1024;

export interface SitemapUrl {
  readonly loc: string;
  /** Epoch ms; absent while unknown (the home page before anything is published). */
  readonly lastmod: number | null;
}

const lastmodElement = (lastmod: number | null): string => (lastmod === null ? '' : `<lastmod>${w3cDateTime(lastmod)}</lastmod>`);

const URLSET_HEAD = `${XML_DECLARATION}<urlset xmlns="${SITEMAP_NAMESPACE}">\n`;
const URLSET_TAIL = '</urlset>\n';

const urlElement = (url: SitemapUrl): string => `<url><loc>${escapeXml(url.loc)}</loc>${lastmodElement(url.lastmod)}</url>\n`;

/** The index of numbered sitemap files, each with the newest `lastmod` of its URLs. */
export function sitemapIndexXml(files: readonly SitemapUrl[]): string {
  const entries = files.map((file) => `<sitemap><loc>${escapeXml(file.loc)}</loc>${lastmodElement(file.lastmod)}</sitemap>\n`);
  return `${XML_DECLARATION}<sitemapindex xmlns="${SITEMAP_NAMESPACE}">\n${entries.join('')}</sitemapindex>\n`;
}

/** One finished sitemap file: page `number` (1-based) of the site's URLs. */
export interface SitemapFile {
  readonly number: number;
  readonly xml: string;
  readonly urls: number;
  /** The newest `lastmod` among its URLs: the file's `lastmod` in the index. */
  readonly newest: number | null;
}

const FRAME_BYTES = Buffer.byteLength(URLSET_HEAD) + Buffer.byteLength(URLSET_TAIL);

/**
 * Cuts a stream of URLs into sitemap files of at most 50,000 URLs and 50 MB, handing each to `write` as soon as it
 * is full, so at most one file is ever held in memory whatever the number of articles. A file is closed only when a
 * further URL arrives, so the last one is written by `finish`, which returns how many files there are.
 */
export function createSitemapFiles(write: (file: SitemapFile) => Promise<void>) {
  let parts: string[] = [];
  let bytes = FRAME_BYTES;
  let newest: number | null = null;
  let number = 0;

  const close = async (): Promise<void> => {
    number++;
    const file = { number, xml: `${URLSET_HEAD}${parts.join('')}${URLSET_TAIL}`, urls: parts.length, newest };
    parts = [];
    bytes = FRAME_BYTES;
    newest = null;
    await write(file);
  };

  return {
    async add(url: SitemapUrl): Promise<void> {
      const element = urlElement(url);
      const size = Buffer.byteLength(element);
      if (parts.length === MAX_SITEMAP_URLS || (parts.length > 0 && bytes + size > MAX_SITEMAP_BYTES)) await close();
      parts.push(element);
      bytes += size;
      if (url.lastmod !== null && (newest === null || url.lastmod > newest)) newest = url.lastmod;
    },
    /** Writes the last file; with no URL at all there is no file. */
    async finish(): Promise<number> {
      if (parts.length > 0) await close();
      return number;
    },
  };
}
