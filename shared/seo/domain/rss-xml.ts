import { excerptOf } from './excerpt.ts';
import { rfc822DateTime } from './feed-dates.ts';
import { articleUrl, feedPaths, type FeedSite } from './feed-site.ts';
import type { RenderedArticle } from './rendered-article.ts';
import { XML_DECLARATION, cdata, escapeXml } from './xml-text.ts';

function itemXml(site: FeedSite, { article, html }: RenderedArticle): string {
  const link = escapeXml(articleUrl(site, article.id));
  return (
    '<item>' +
    `<title>${escapeXml(article.title)}</title>` +
    `<link>${link}</link>` +
    `<guid isPermaLink="true">${link}</guid>` +
    `<description>${escapeXml(excerptOf(article.body))}</description>` +
    `<content:encoded>${cdata(html)}</content:encoded>` +
    `<pubDate>${rfc822DateTime(article.publishedAt)}</pubDate>` +
    '</item>\n'
  );
}

/**
 * RSS 2.0 with the content module for the full rendered body (contract §4). `updated` is the newest article change,
 * null while there never was one (then `lastBuildDate` is left out rather than invented).
 */
export function rssXml(site: FeedSite, items: readonly RenderedArticle[], updated: number | null): string {
  return (
    XML_DECLARATION +
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/">\n' +
    '<channel>\n' +
    `<title>${escapeXml(site.title)}</title>\n` +
    `<link>${escapeXml(site.siteUrl)}</link>\n` +
    `<description>${escapeXml(site.description)}</description>\n` +
    `<atom:link href="${escapeXml(site.publicApiUrl + feedPaths.rss)}" rel="self" type="application/rss+xml"/>\n` +
    (updated === null ? '' : `<lastBuildDate>${rfc822DateTime(updated)}</lastBuildDate>\n`) +
    items.map((item) => itemXml(site, item)).join('') +
    '</channel>\n' +
    '</rss>\n'
  );
}
