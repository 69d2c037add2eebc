import { err, ok, type Result } from '../../kernel/result.ts';
import type { AppError } from '../../kernel/app-error.ts';
import type { ArticleStatus } from './article.ts';
import { blogErrors } from './blog.errors.ts';

export type StatusOperation = 'publish' | 'unpublish' | 'delete' | 'restore';

/**
 * The PATCH transition table (§2.1). The pair only selects the operation: `asIsStatus` is not compared with the
 * stored status; each operation checks its own precondition against the stored status.
 */
const transitions: Readonly<Record<string, StatusOperation>> = {
  'DRAFT>PUBLISHED': 'publish',
  'PUBLISHED>PUBLISHED': 'publish',
  'PUBLISHED>DRAFT': 'unpublish',
  'DRAFT>DELETED': 'delete',
  'PUBLISHED>DELETED': 'delete',
  'DELETED>DRAFT': 'restore',
};

export function operationFor(asIs: ArticleStatus, toBe: ArticleStatus): Result<StatusOperation, AppError> {
  const operation = transitions[`${asIs}>${toBe}`];
  return operation === undefined ? err(blogErrors.invalidTransition(asIs, toBe)) : ok(operation);
}

/** The stored statuses each operation starts from; any other is a 409. */
export const allowedFrom: Readonly<Record<StatusOperation, readonly ArticleStatus[]>> = {
  publish: ['DRAFT', 'PUBLISHED'],
  unpublish: ['PUBLISHED'],
  delete: ['DRAFT', 'PUBLISHED'],
  restore: ['DELETED'],
};
