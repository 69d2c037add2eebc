import { excerptOf } from './excerpt.ts';
import { w3cDateTime } from './feed-dates.ts';
import { articleUrl, feedPaths, type FeedSite } from './feed-site.ts';
import type { RenderedArticle } from './rendered-article.ts';
import { XML_DECLARATION, cdata, escapeXml } from './xml-text.ts';

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
