import { articleUrl, feedContentTypes, feedNames, sitemapFileUrl, type FeedSite } from '../domain/feeds.ts';
import { createSitemapFiles, sitemapIndexXml, type SitemapUrl } from '../domain/sitemap-xml.ts';
import type { SeoRepositories } from '../ports/seo-store.port.ts';

/** Articles read per query: small enough to keep memory flat, large enough that 100,000 articles take 100 queries. */
export const SITEMAP_READ_PAGE = 1000;

export interface SitemapSummary {
  readonly articles: number;
  readonly files: number;
}

/**
 * Writes the sitemap (contract §4): the home page, then every published article by id descending, in numbered
 * files of at most 50,000 URLs written one by one as they fill. `sitemap` itself is the only file's `urlset` while
 * there is one, and a `sitemapindex` of the numbered files beyond that.
 */
export async function writeSitemap({ articles, feeds }: SeoRepositories, site: FeedSite, lastModified: number): Promise<SitemapSummary> {
  const document = (name: string, body: string) => ({ name, contentType: feedContentTypes.sitemap, body, lastModified });
  const index: SitemapUrl[] = [];
  let onlyFile: string | null = null;
  const files = createSitemapFiles(async (file) => {
    // Kept only while file 1 may turn out to be the only one, so at most one file is held at a time.
    onlyFile = file.number === 1 ? file.xml : null;
    await feeds.put(document(feedNames.sitemapFile(file.number), file.xml));
    index.push({ loc: sitemapFileUrl(site, file.number), lastmod: file.newest });
  });

  await files.add({ loc: site.siteUrl, lastmod: await articles.newestPublication() });
  let count = 0;
  let before: number | null = null;
  for (;;) {
    const page = await articles.sitemapEntries(before, SITEMAP_READ_PAGE);
    for (const entry of page) await files.add({ loc: articleUrl(site, entry.id), lastmod: entry.lastPublishedAt });
    count += page.length;
    const last = page.at(-1);
    if (page.length < SITEMAP_READ_PAGE || last === undefined) break;
    before = last.id;
  }
  const fileCount = await files.finish();
  await feeds.put(document(feedNames.sitemap, onlyFile ?? sitemapIndexXml(index)));
  await feeds.removeSitemapFilesAfter(fileCount);
  return { articles: count, files: fileCount };
}
