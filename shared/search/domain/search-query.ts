/**
 * A keyword as the index is asked it: trimmed, inner runs of white space and control characters made one space
 * (a NUL would end an FTS5 string early), terms split on it. Matching is case-insensitive in every index.
 */
export interface SearchQuery {
  readonly text: string;
  readonly terms: readonly string[];
}

export function searchQueryOf(keyword: string): SearchQuery | undefined {
  const text = keyword.replace(/[\s\p{Cc}]+/gu, ' ').trim();
  return text === '' ? undefined : { text, terms: text.split(' ') };
}
