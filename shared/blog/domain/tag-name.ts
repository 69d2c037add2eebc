import { validationFailed, type AppError } from '../../kernel/app-error.ts';
import { err, ok, type Result } from '../../kernel/result.ts';
import { codePointLength } from './article.ts';

export type TagName = string & { readonly __brand: 'TagName' };

export const TAG_NAME_MAX_LENGTH = 20;

/** The frontend puts tag names raw into URLs (§2.2), so the characters that would break a path or query are refused. */
const FORBIDDEN = /[/?#&%\p{Cc}]/u;

/** §2.2: trimmed, 1..20 characters, none of `/ ? # & %` or control characters. */
export function parseTagName(input: string): Result<TagName, AppError> {
  const name = input.trim();
  const length = codePointLength(name);
  if (length < 1 || length > TAG_NAME_MAX_LENGTH) return err(validationFailed(`tagName must be 1..${TAG_NAME_MAX_LENGTH} characters`));
  if (FORBIDDEN.test(name)) return err(validationFailed('tagName must not contain / ? # & % or control characters'));
  return ok(name as TagName);
}

/** Tag names are unique case-insensitively; the first spelling is kept and this key finds it. */
export const tagKey = (name: string): string => name.trim().toLowerCase();
