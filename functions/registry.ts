import { ConfigError } from '../shared/platform/config/load-config.ts';
import type { FunctionManifest } from '../shared/platform/runtime/manifest.ts';
import { manifest as authManageSession } from './auth-manage-session/function.ts';
import { manifest as blogPublishPost } from './blog-publish-post/function.ts';
import { manifest as blogReadArticles } from './blog-read-articles/function.ts';
import { manifest as commentAddComment } from './comment-add-comment/function.ts';
import { manifest as commentTrackArticles } from './comment-track-articles/function.ts';
import { manifest as commentTrackAuthors } from './comment-track-authors/function.ts';
import { manifest as docsServeApi } from './docs-serve-api/function.ts';
import { manifest as eventsSweepOutbox } from './events-sweep-outbox/function.ts';
import { manifest as mediaUploadImage } from './media-upload-image/function.ts';
import { manifest as memoPurgeSandbox } from './memo-purge-sandbox/function.ts';
import { manifest as memoSaveMemo } from './memo-save-memo/function.ts';
import { manifest as realtimeAutosave } from './realtime-autosave/function.ts';
import { manifest as searchIndexArticles } from './search-index-articles/function.ts';
import { manifest as seoGenerateFeeds } from './seo-generate-feeds/function.ts';
import { manifest as seoServeFeeds } from './seo-serve-feeds/function.ts';
import { manifest as seoTrackArticles } from './seo-track-articles/function.ts';

/** Every function of pilog. Manifests are cheap to import; each function's code loads only when started. */
export const manifests: readonly FunctionManifest[] = [docsServeApi, eventsSweepOutbox, authManageSession, seoGenerateFeeds, seoServeFeeds, seoTrackArticles, memoSaveMemo, memoPurgeSandbox, commentAddComment, commentTrackArticles, commentTrackAuthors, mediaUploadImage, blogReadArticles, blogPublishPost, searchIndexArticles, realtimeAutosave];

export function manifestNamed(name: string): FunctionManifest {
  const manifest = manifests.find((candidate) => candidate.name === name);
  if (!manifest) {
    throw new ConfigError(`Invalid configuration: FUNCTION_TARGET must be one of ${manifests.map((m) => m.name).join(', ')}; got "${name}"`);
  }
  return manifest;
}
