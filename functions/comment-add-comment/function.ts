import { Type } from '@sinclair/typebox';
import { commentSettings } from '../../shared/comment/adapters/comment-settings.ts';
import { IdInput, NullableIdInput } from '../../shared/platform/http/id-input.ts';
import { defaultResources, defaultScaling, type FunctionManifest, type HttpTrigger, type RouteSpec } from '../../shared/platform/runtime/manifest.ts';

const NullableString = (description: string) => Type.Optional(Type.Union([Type.String(), Type.Null()], { description }));

/**
 * The comment routes of contract §1.4. Schemas fix the shapes; the rules (lengths, blank text, which credentials)
 * are the use cases', so that they answer in the contract's order of checks (401 before 429 before 400).
 */
export const commentRoutes = {
  listComments: {
    method: 'GET',
    path: '/api/v1/comments',
    access: 'public',
    summary: "An article's comment tree: roots oldest first, replies nested; [] for unknown or unpublished articles",
    query: Type.Object({ refId: Type.String({ description: 'article id' }), refType: Type.String({ description: 'only ARTICLE' }) }),
  },
  addComment: {
    method: 'POST',
    path: '/api/v1/comments',
    access: 'public',
    summary: 'Adds a comment as the signed-in user (userName and password null) or as a guest (both set); answers 200 {commentId}',
    body: Type.Object({
      refId: IdInput,
      refType: Type.String({ description: 'only ARTICLE' }),
      userName: NullableString('guest name, 1..20 characters; null with password null to comment as the signed-in user'),
      password: NullableString('guest password, 1..72 bytes'),
      parentId: Type.Optional(NullableIdInput),
      content: Type.String({ description: 'plain text, 1..1000 characters' }),
    }),
  },
  deleteComment: {
    method: 'DELETE',
    path: '/api/v1/comments/{commentId}',
    access: 'public',
    summary: "Soft-deletes a comment: ADMIN any, the author their own, a guest's with its password (JSON body)",
    body: Type.Object({ password: NullableString("the guest comment's password; ignored for ADMIN and for registered comments") }),
  },
} as const satisfies Readonly<Record<string, RouteSpec>>;

export const manifest = {
  name: 'comment-add-comment',
  description: 'Comment trees of published articles; comments by signed-in users or password-holding guests; soft deletion',
  trigger: { kind: 'http', routes: commentRoutes },
  scaling: defaultScaling,
  // argon2id takes 19 MiB per hash on top of the usual heap.
  resources: { ...defaultResources, memoryLimit: '256Mi' },
  settings: commentSettings,
} as const satisfies FunctionManifest<HttpTrigger>;
