import type { PublishedArticle } from './published-article.ts';

/** An article with its Markdown body rendered to HTML, ready for RSS `content:encoded` and Atom `content`. */
export interface RenderedArticle {
  readonly article: PublishedArticle;
  readonly html: string;
}
