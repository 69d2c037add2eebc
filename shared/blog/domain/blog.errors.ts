import { appError, type AppError } from '../../kernel/app-error.ts';
import type { ArticleStatus } from './article.ts';

/** The blog's expected failures, with the contract's codes (§0.7, §2.1, §2.2). */
export const blogErrors = {
  articleNotFound: (id: number): AppError => appError('NOT_FOUND', `article ${id} not found`),
  articleDeleted: (id: number): AppError => appError('STATE_CONFLICT', `article ${id} is deleted`),
  wrongStatus: (id: number, status: ArticleStatus, operation: string): AppError =>
    appError('STATE_CONFLICT', `article ${id} is ${status}; cannot ${operation}`),
  incompleteDraft: (id: number): AppError =>
    appError('STATE_CONFLICT', `article ${id} needs a non-blank title, body and thumbnail to be published`),
  invalidTransition: (asIs: string, toBe: string): AppError => appError('INVALID_TRANSITION', `no transition from ${asIs} to ${toBe}`),
  tagNotOnArticle: (id: number, name: string): AppError => appError('NOT_FOUND', `article ${id} has no tag "${name}"`),
} as const;
