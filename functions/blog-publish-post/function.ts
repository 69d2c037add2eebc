import { Type } from '@sinclair/typebox';
import { blogWriteSettings } from '../../shared/blog/adapters/blog-settings.ts';
import { defaultResources, defaultScaling, type FunctionManifest, type HttpTrigger, type RouteSpec } from '../../shared/platform/runtime/manifest.ts';

const status = Type.Union([Type.Literal('DRAFT'), Type.Literal('PUBLISHED'), Type.Literal('DELETED')]);
const optionalText = (description: string) => Type.Optional(Type.Union([Type.String(), Type.Null()], { description }));

/** The article write routes of contract §1.1, all ADMIN only. */
export const publishRoutes = {
  createArticle: {
    method: 'POST',
    path: '/api/v1/articles',
    access: 'admin',
    summary: 'Creates an empty DRAFT article; 201 with Location and {articleId}',
  },
  changeStatus: {
    method: 'PATCH',
    path: '/api/v1/articles/{articleId}',
    access: 'admin',
    summary: 'Publishes, republishes, unpublishes, deletes or restores, by the (asIsStatus, toBeStatus) pair of the transition table',
    body: Type.Object({ asIsStatus: status, toBeStatus: status }),
  },
  saveDraft: {
    method: 'PUT',
    path: '/api/v1/articles/{articleId}/draft',
    access: 'admin',
    summary: 'Saves the draft copy, like the realtime autosave; any subset of the fields, null or absent = unchanged (not swapped)',
    body: Type.Object({
      title: optionalText('title, at most 100 characters'),
      contents: optionalText('body (Markdown)'),
      thumbnailUrl: optionalText('thumbnail URL'),
    }),
  },
  deleteArticle: {
    method: 'DELETE',
    path: '/api/v1/articles/{articleId}',
    access: 'admin',
    summary: 'Soft-deletes the article and removes its taggings; 409 when already DELETED',
  },
  addTag: {
    method: 'POST',
    path: '/api/v1/articles/{articleId}/tags',
    access: 'admin',
    summary: 'Tags the article, creating the tag on first use; idempotent. Answers {tagId: <the article id>} (sic)',
    body: Type.Object({ tagName: Type.String({ description: '1..20 characters, no / ? # & % or control characters' }) }),
  },
  removeTag: {
    method: 'DELETE',
    path: '/api/v1/articles/{articleId}/tags/{tagName}',
    access: 'admin',
    summary: 'Removes the tag (name raw in the path, compared case-insensitively) from the article',
  },
} as const satisfies Readonly<Record<string, RouteSpec>>;

export const manifest = {
  name: 'blog-publish-post',
  description: 'Creates articles, saves drafts, tags, publishes, unpublishes, deletes and restores them; every change with its events through the outbox',
  trigger: { kind: 'http', routes: publishRoutes },
  // One author writes: a single instance is plenty, and scale to zero between writing sessions.
  scaling: { ...defaultScaling, maxScale: 1 },
  resources: defaultResources,
  settings: blogWriteSettings,
} as const satisfies FunctionManifest<HttpTrigger>;
