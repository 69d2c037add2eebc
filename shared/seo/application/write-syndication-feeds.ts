import { atomXml } from '../domain/atom-xml.ts';
import { feedContentTypes, feedNames } from '../domain/feed-document.ts';
import type { FeedSite } from '../domain/feed-site.ts';
import type { RenderedArticle } from '../domain/rendered-article.ts';
import { rssXml } from '../domain/rss-xml.ts';
import type { RenderMarkdown } from '../ports/markdown-renderer.port.ts';
import type { SeoRepositories } from '../ports/seo-store.port.ts';

/**
 * Writes RSS and Atom from the same newest articles (by first publication). `lastChangeAt` is the newest article
 * change, 0 before any: it dates the feeds, so a rebuild of unchanged articles yields unchanged bytes.
 */
export async function writeSyndicationFeeds(
  { articles, feeds }: SeoRepositories,
  deps: { readonly site: FeedSite; readonly toHtml: RenderMarkdown },
  lastChangeAt: number,
): Promise<number> {
  const rendered: RenderedArticle[] = (await articles.newest(deps.site.items)).map((article) => ({ article, html: deps.toHtml(article.body) }));
  const updated = lastChangeAt > 0 ? lastChangeAt : null;
  await feeds.put({ name: feedNames.rss, contentType: feedContentTypes.rss, body: rssXml(deps.site, rendered, updated), lastModified: lastChangeAt });
  await feeds.put({ name: feedNames.atom, contentType: feedContentTypes.atom, body: atomXml(deps.site, rendered, updated), lastModified: lastChangeAt });
  return rendered.length;
}
