import type { RaisedEvent } from '../../events/event-definition.ts';

export const articleStatuses = ['DRAFT', 'PUBLISHED', 'DELETED'] as const;
export type ArticleStatus = (typeof articleStatuses)[number];

/** One of the article's two copies (§2.1): the draft the editor writes, or the published one readers see. */
export interface ArticleCopy {
  readonly title: string;
  readonly body: string;
  readonly thumbnailUrl: string;
}

export interface Tag {
  readonly id: number;
  readonly name: string;
}

/** Times are epoch milliseconds; `version` counts the changes, starting at 1 on creation. */
export interface Article {
  readonly id: number;
  readonly status: ArticleStatus;
  readonly draft: ArticleCopy;
  readonly published: ArticleCopy;
  /** In the order they were added. */
  readonly tags: readonly Tag[];
  readonly createdAt: number;
  /** First publish, never reset. */
  readonly publishedAt: number | null;
  /** Every publish and republish. */
  readonly lastPublishedAt: number | null;
  readonly version: number;
}

/**
 * What a state transition did: the article after it and the events it raised, each stamped with the version the
 * article reached. No events means nothing changed (adding a tag the article already has), so nothing is saved.
 */
export interface ArticleChange {
  readonly before: Article | null;
  readonly after: Article;
  readonly events: readonly RaisedEvent[];
}

export const emptyCopy: ArticleCopy = { title: '', body: '', thumbnailUrl: '' };

export const TITLE_MAX_LENGTH = 100;

/** Length in code points, as the contract and MySQL's utf8mb4 columns count characters. */
export const codePointLength = (text: string): number => {
  let length = 0;
  for (const _ of text) length += 1;
  return length;
};

/** Publishing needs a title, a body and a thumbnail; so does every draft edit of a published article. */
export const isComplete = (copy: ArticleCopy): boolean => [copy.title, copy.body, copy.thumbnailUrl].every((part) => part.trim() !== '');
