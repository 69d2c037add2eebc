import { isoTimestamp } from '../../kernel/clock.ts';
import { excerptOf } from '../../kernel/excerpt.ts';
import type { Article, Tag } from './article.ts';

/** The contract's read shapes (§1): `ArticleCard` in lists, `ArticleView` on the detail route. */
export type ListedStatus = 'PUBLISHED' | 'DRAFT';

export interface ArticleCard {
  readonly id: number;
  readonly title: string;
  /** The first 200 characters of the body. */
  readonly content: string;
  readonly thumbnailUrl: string;
  readonly createdAt: string;
  readonly tags: readonly Tag[];
  readonly contentStatus: ListedStatus;
}

export interface ArticleView {
  readonly id: number;
  readonly title: string;
  readonly content: string;
  readonly thumbnailUrl: string;
  readonly tags: readonly Tag[];
  readonly createdAt: string;
  readonly isPublished: boolean;
}

/** What a list query reads for one card: the copy of the listed status, its body already cut to the excerpt. */
export interface CardRecord {
  readonly id: number;
  readonly title: string;
  readonly excerpt: string;
  readonly thumbnailUrl: string;
  readonly createdAt: number;
  readonly tags: readonly Tag[];
}

export const cardOf = (record: CardRecord, status: ListedStatus): ArticleCard => ({
  id: record.id,
  title: record.title,
  content: excerptOf(record.excerpt),
  thumbnailUrl: record.thumbnailUrl,
  createdAt: isoTimestamp(record.createdAt),
  tags: record.tags,
  contentStatus: status,
});

/** The published copy for PUBLISHED reads, the draft copy for DRAFT reads (§1.1). */
export function viewOf(article: Article, expected: ListedStatus): ArticleView {
  const copy = expected === 'PUBLISHED' ? article.published : article.draft;
  return {
    id: article.id,
    title: copy.title,
    content: copy.body,
    thumbnailUrl: copy.thumbnailUrl,
    tags: article.tags,
    createdAt: isoTimestamp(article.createdAt),
    isPublished: article.status === 'PUBLISHED',
  };
}
