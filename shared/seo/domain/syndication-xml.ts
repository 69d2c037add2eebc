import { excerptOf } from '../../kernel/excerpt.ts';
import { articleUrl, feedPaths, type FeedSite } from './feeds.ts';
import type { RenderedArticle } from './published-article.ts';
import { XML_DECLARATION, cdata, escapeXml, rfc822DateTime, w3cDateTime } from './xml-text.ts';

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

function entryXml(site: FeedSite, { article, html }: RenderedArticle): string {
  const link = escapeXml(articleUrl(site, article.id));
  return (
    '<entry>' +
    `<id>${link}</id>` +
    `<link rel="alternate" href="${link}"/>` +
    `<title>${escapeXml(article.title)}</title>` +
    `<published>${w3cDateTime(article.publishedAt)}</published>` +
    `<updated>${w3cDateTime(article.lastPublishedAt)}</updated>` +
    `<summary>${escapeXml(excerptOf(article.body))}</summary>` +
    `<content type="html">${cdata(html)}</content>` +
    '</entry>\n'
  );
}

/**
 * Atom 1.0 (RFC 4287, contract §4). A feed must have `updated`: the newest article change, or the epoch while there
 * never was one, so that it still comes from the data and not from the clock.
 */
export function atomXml(site: FeedSite, entries: readonly RenderedArticle[], updated: number | null): string {
  return (
    XML_DECLARATION +
    '<feed xmlns="http://www.w3.org/2005/Atom">\n' +
    `<id>${escapeXml(`${site.siteUrl}/`)}</id>\n` +
    `<title>${escapeXml(site.title)}</title>\n` +
    `<updated>${w3cDateTime(updated ?? 0)}</updated>\n` +
    `<link rel="alternate" href="${escapeXml(site.siteUrl)}"/>\n` +
    `<link rel="self" href="${escapeXml(site.publicApiUrl + feedPaths.atom)}" type="application/atom+xml"/>\n` +
    `<author><name>${escapeXml(site.author)}</name></author>\n` +
    entries.map((entry) => entryXml(site, entry)).join('') +
    '</feed>\n'
  );
}
