import type { Clock } from '../../kernel/clock.ts';
import { feedContentTypes, feedNames, type FeedSite } from '../domain/feeds.ts';
import type { RenderedArticle } from '../domain/published-article.ts';
import { atomXml, rssXml } from '../domain/syndication-xml.ts';
import type { MarkdownRenderer, RenderMarkdown } from '../ports/markdown-renderer.port.ts';
import type { SeoRepositories, SeoStore } from '../ports/seo-store.port.ts';
import { writeSitemap } from './write-sitemap.ts';

export interface GenerateFeedsDeps {
  readonly store: SeoStore;
  readonly markdown: MarkdownRenderer;
  readonly site: FeedSite;
  readonly clock: Clock;
}

export interface GenerationSummary {
  /** Published articles in the sitemap. */
  readonly articles: number;
  readonly sitemapFiles: number;
  readonly feedItems: number;
}

/** The generation outlived its lease and another generator may have taken over: its writes are rolled back. */
export class LeaseLostError extends Error {
  override name = 'LeaseLostError';
}

/**
 * Builds the sitemap, RSS and Atom from the read model and stores them, all in one transaction: one snapshot of
 * the articles in, every document out at once, and the generation recorded as covering the changes counted in that
 * snapshot. Idempotent: the same articles give the same bytes, because every date comes from the articles.
 * The caller holds the generation lease as `owner`.
 */
export async function generateFeeds(deps: GenerateFeedsDeps, owner: string): Promise<GenerationSummary> {
  const toHtml = await deps.markdown.load();
  return deps.store.inTransaction(async (repositories) => {
    const state = await repositories.schedule.read();
    const sitemap = await writeSitemap(repositories, deps.site, state.lastChangeAt);
    const feedItems = await writeSyndicationFeeds(repositories, { site: deps.site, toHtml }, state.lastChangeAt);
    if (!(await repositories.schedule.complete(owner, state.changeCount, deps.clock.now()))) {
      throw new LeaseLostError('the generation lease expired before the feeds were written');
    }
    return { articles: sitemap.articles, sitemapFiles: sitemap.files, feedItems };
  });
}

/**
 * Writes RSS and Atom from the same newest articles (by first publication). `lastChangeAt` is the newest article
 * change, 0 before any: it dates the feeds, so a rebuild of unchanged articles yields unchanged bytes.
 */
async function writeSyndicationFeeds(
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
