import { Type } from '@sinclair/typebox';
import { memoSettings } from '../../shared/memo/adapters/memo-settings.ts';
import { IdInput, NullableIdInput } from '../../shared/platform/http/id-input.ts';
import { identifySettings } from '../../shared/platform/http/identify.ts';
import { defaultResources, defaultScaling, type FunctionManifest, type HttpTrigger, type RouteSpec } from '../../shared/platform/runtime/manifest.ts';

const Sequence = Type.String({ description: 'LexoRank computed by the client, 1..255 characters, stored and sorted as is' });

/** The memo and folder routes of contract §1.2 and §1.3; every one needs a signed-in caller, most its ownership. */
export const memoRoutes = {
  createMemo: {
    method: 'POST',
    path: '/api/v1/memos',
    access: 'authenticated',
    summary: 'Creates an empty memo ("untitled") in one of your folders or uncategorized: 201 {memoId}',
    body: Type.Object({ parentFolderId: Type.Optional(NullableIdInput) }),
  },
  searchMemos: {
    method: 'GET',
    path: '/api/v1/memos',
    access: 'authenticated',
    summary: 'Your memos whose title or content contains `query` (literal, case-insensitive), id descending',
    query: Type.Object({ query: Type.String({ description: 'blank gives an empty result' }) }),
  },
  readMemo: { method: 'GET', path: '/api/v1/memos/{memoId}', access: 'authenticated', summary: 'One of your memos: {memoId, title, content, references}' },
  deleteMemo: { method: 'DELETE', path: '/api/v1/memos/{memoId}', access: 'authenticated', summary: 'Deletes one of your memos and every link to it: 204' },
  moveMemo: {
    method: 'PUT',
    path: '/api/v1/memos/{memoId}/parent',
    access: 'authenticated',
    summary: 'Moves one of your memos into one of your folders (null: uncategorized)',
    body: Type.Object({ folderId: NullableIdInput }),
  },
  reorderMemo: {
    method: 'PUT',
    path: '/api/v1/memos/{memoId}/sequence',
    access: 'authenticated',
    summary: "Stores a memo's position among its siblings",
    body: Type.Object({ sequence: Sequence }),
  },
  recommendMemos: {
    method: 'GET',
    path: '/api/v1/memos/{memoId}/recommended',
    access: 'authenticated',
    summary: 'Link suggestions while editing: your other memos containing `keyword`, id descending',
    query: Type.Object({ keyword: Type.String({ description: 'must not be blank' }) }),
  },
  readReferences: { method: 'GET', path: '/api/v1/memos/{memoId}/references', access: 'authenticated', summary: 'The memos one of your memos links to' },
  readBacklinks: { method: 'GET', path: '/api/v1/memos/{memoId}/referenced', access: 'authenticated', summary: 'Your memos linking to one of your memos: {referenceds}' },

  readFolderTree: { method: 'GET', path: '/api/v1/folders', access: 'authenticated', summary: 'Your folder tree, the "Uncategorized" pseudo-folder last' },
  createFolder: {
    method: 'POST',
    path: '/api/v1/folders',
    access: 'authenticated',
    summary: 'Creates a folder ("untitled") at the top or under one of your folders: 201 {folder}',
    body: Type.Object({ parentId: Type.Optional(NullableIdInput) }),
  },
  renameFolder: {
    method: 'PUT',
    path: '/api/v1/folders/{folderId}/name',
    access: 'authenticated',
    summary: 'Renames one of your folders; the folder is the one named by the body `folderId` (the path id only when the body has none)',
    body: Type.Object({ folderId: Type.Optional(IdInput), name: Type.String({ description: 'non-blank, at most 255 characters' }) }),
  },
  moveFolder: {
    method: 'PUT',
    path: '/api/v1/folders/{folderId}/parent',
    access: 'authenticated',
    summary: 'Moves one of your folders under another of yours (null: top level); never under itself or its descendants',
    body: Type.Object({ parentId: NullableIdInput }),
  },
  reorderFolder: {
    method: 'PUT',
    path: '/api/v1/folders/{folderId}/sequence',
    access: 'authenticated',
    summary: "Stores a folder's position among its siblings",
    body: Type.Object({ sequence: Sequence }),
  },
  deleteFolder: { method: 'DELETE', path: '/api/v1/folders/{folderId}', access: 'authenticated', summary: 'Deletes one of your folders with its subtree and their memos' },
} as const satisfies Readonly<Record<string, RouteSpec>>;

export const manifest = {
  name: 'memo-save-memo',
  description: "The owner's private memos and folders: tree, search, link suggestions, backlinks, moves, order, limits",
  trigger: { kind: 'http', routes: memoRoutes },
  scaling: defaultScaling,
  resources: defaultResources,
  settings: { ...memoSettings, ...identifySettings },
} as const satisfies FunctionManifest<HttpTrigger>;
