/**
 * A keyword as the index is asked it: trimmed, inner runs of white space made one space, terms split on it.
 * Matching is case-insensitive in every index.
 */
export interface SearchQuery {
  readonly text: string;
  readonly terms: readonly string[];
}

export function searchQueryOf(keyword: string): SearchQuery | undefined {
  const text = keyword.trim().replace(/\s+/gu, ' ');
  return text === '' ? undefined : { text, terms: text.split(' ') };
}
