import type { SearchEntry } from '../domain/search-entry.ts';

/** A published article's entry, with defaults for everything a test does not care about. */
export function documentEntry(articleId: number, version: number, fields: { title?: string; body?: string; tags?: string[] } = {}): SearchEntry {
  return {
    articleId,
    version,
    document: {
      articleId,
      title: fields.title ?? `Article ${articleId}`,
      body: fields.body ?? '',
      thumbnailUrl: 'https://example.com/t.png',
      tags: (fields.tags ?? []).map((name, i) => ({ id: i + 1, name })),
      createdAt: '2025-03-20T11:52:56.123Z',
      publishedAt: '2025-03-21T00:00:00.000Z',
      lastPublishedAt: '2025-03-22T00:00:00.000Z',
    },
  };
}

export const tombstone = (articleId: number, version: number): SearchEntry => ({ articleId, version, document: null });
