import { appError, notFound, validationFailed, type AppError } from '../../kernel/app-error.ts';
import { err, ok, type Result } from '../../kernel/result.ts';
import type { MemoHeader } from './memo.ts';

/**
 * The rules for a memo's outgoing links (§2.3), checked for the whole new list at once, since one bad target
 * fails the whole update. `targets` are the requested memos that exist; `linkingBack` the ids among them that
 * already link to `memo` (the direct two-way cycle the original backend refused, kept as it was).
 * Returns the distinct target ids.
 */
export function checkReferences(
  memo: MemoHeader,
  requested: readonly number[],
  targets: ReadonlyMap<number, MemoHeader>,
  linkingBack: ReadonlySet<number>,
): Result<number[], AppError> {
  const distinct = [...new Set(requested)];
  if (distinct.includes(memo.id)) return err(validationFailed(`memo ${memo.id} cannot reference itself`));
  const missing = distinct.find((id) => !targets.has(id));
  if (missing !== undefined) return err(notFound(`referenced memo ${missing}`));
  const foreign = distinct.find((id) => targets.get(id)?.authorId !== memo.authorId);
  if (foreign !== undefined) return err(appError('NOT_OWNER', `memo ${foreign} belongs to another author`));
  const cycle = distinct.find((id) => linkingBack.has(id));
  if (cycle !== undefined) return err(validationFailed(`memo ${cycle} already references memo ${memo.id}; two memos cannot reference each other`));
  return ok(distinct);
}
