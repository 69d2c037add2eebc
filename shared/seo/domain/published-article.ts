/** An article as the feeds show it: its published copy and times (epoch milliseconds). */
export interface PublishedArticle {
  readonly id: number;
  readonly title: string;
  readonly body: string;
  readonly createdAt: number;
  /** First publication; never reset. Orders the RSS and Atom items. */
  readonly publishedAt: number;
  /** Latest publication; the sitemap's `lastmod` and Atom's `updated`. */
  readonly lastPublishedAt: number;
}

/**
 * What an article event does to the feeds' read model. `version` is the article's aggregate version after the
 * change and `changedAt` when the blog made it; a change older than what the read model holds is ignored.
 */
export type ArticleChange =
  | { readonly kind: 'published'; readonly article: PublishedArticle; readonly version: number; readonly changedAt: number }
  | { readonly kind: 'withdrawn'; readonly articleId: number; readonly version: number; readonly changedAt: number };

/** An article with its Markdown body rendered to HTML, ready for RSS `content:encoded` and Atom `content`. */
export interface RenderedArticle {
  readonly article: PublishedArticle;
  readonly html: string;
}
