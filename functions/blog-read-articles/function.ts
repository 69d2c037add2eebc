import { Type } from '@sinclair/typebox';
import { blogReadSettings } from '../../shared/blog/adapters/blog-settings.ts';
import { defaultResources, defaultScaling, type FunctionManifest, type HttpTrigger, type RouteSpec } from '../../shared/platform/runtime/manifest.ts';
import { searchSettings } from '../../shared/search/adapters/search-settings.ts';

const listed = (description: string) => Type.Union([Type.Literal('PUBLISHED'), Type.Literal('DRAFT')], { description });

/**
 * The article read routes of contract §1.1, public (DRAFT reads check for ADMIN in the use case). Query values that
 * the contract orders after the ADMIN check (cursor, limit) are parsed by the use case, so a bad one cannot turn an
 * anonymous draft read's 401 into a 400.
 */
export const readRoutes = {
  listArticles: {
    method: 'GET',
    path: '/api/v1/articles/simple',
    access: 'public',
    summary: 'Article cards, a bare array: by keyword (search, best first, ≤ 50), by tag (newest first) or a page by cursor (id < cursor, newest first)',
    query: Type.Object({
      status: listed('PUBLISHED (public) or DRAFT (ADMIN)'),
      cursor: Type.Optional(Type.String({ description: 'id of the last card seen (exclusive); page mode' })),
      limit: Type.Optional(Type.String({ description: 'integer 1..100, default 20; page mode' })),
      keyword: Type.Optional(Type.String({ description: 'full-text search over published titles and bodies; status must be PUBLISHED' })),
      tagName: Type.Optional(Type.String({ description: 'published articles carrying this tag; status must be PUBLISHED' })),
    }),
  },
  readArticle: {
    method: 'GET',
    path: '/api/v1/articles/{articleId}',
    access: 'public',
    summary: 'One article: its published copy (404 unless published) or, for ADMIN, its draft copy',
    query: Type.Object({ expectedStatus: listed('PUBLISHED (public) or DRAFT (ADMIN, any status)') }),
  },
  topTags: {
    method: 'GET',
    path: '/api/v1/tags/top',
    access: 'public',
    summary: 'The tags carried by most published articles, count desc then name: {tags}',
    query: Type.Object({ n: Type.String({ pattern: '^(100|[1-9][0-9]?)$', description: 'how many, integer 1..100' }) }),
  },
} as const satisfies Readonly<Record<string, RouteSpec>>;

export const manifest = {
  name: 'blog-read-articles',
  description: 'Public article lists (page, tag, keyword search), article detail and top tags; ADMIN draft reads; cached',
  trigger: { kind: 'http', routes: readRoutes },
  // The frontend's server-side renders hit these on every page view.
  scaling: { ...defaultScaling, maxScale: 3, concurrency: 100 },
  resources: defaultResources,
  settings: { ...blogReadSettings, ...searchSettings },
} as const satisfies FunctionManifest<HttpTrigger>;
