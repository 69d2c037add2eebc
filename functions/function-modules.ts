import type { FunctionManifest } from '../shared/platform/runtime/manifest.ts';
import type { StartFunction } from '../shared/platform/runtime/running-function.ts';

/**
 * Each function's code, imported only when that function starts: by the dev host, which runs them all, and by
 * tests. A container never comes here; its entry (`functions/<name>/main.ts`) imports its one function directly.
 */
const modules: Readonly<Record<string, () => Promise<{ start: StartFunction }>>> = {
  'auth-manage-session': () => import('./auth-manage-session/index.ts'),
  'blog-publish-post': () => import('./blog-publish-post/index.ts'),
  'blog-read-articles': () => import('./blog-read-articles/index.ts'),
  'comment-add-comment': () => import('./comment-add-comment/index.ts'),
  'comment-track-articles': () => import('./comment-track-articles/index.ts'),
  'comment-track-authors': () => import('./comment-track-authors/index.ts'),
  'docs-serve-api': () => import('./docs-serve-api/index.ts'),
  'events-sweep-outbox': () => import('./events-sweep-outbox/index.ts'),
  'media-upload-image': () => import('./media-upload-image/index.ts'),
  'memo-purge-sandbox': () => import('./memo-purge-sandbox/index.ts'),
  'memo-save-memo': () => import('./memo-save-memo/index.ts'),
  'realtime-autosave': () => import('./realtime-autosave/index.ts'),
  'search-index-articles': () => import('./search-index-articles/index.ts'),
  'seo-generate-feeds': () => import('./seo-generate-feeds/index.ts'),
  'seo-serve-feeds': () => import('./seo-serve-feeds/index.ts'),
  'seo-track-articles': () => import('./seo-track-articles/index.ts'),
};

export async function loadFunction(manifest: FunctionManifest): Promise<{ start: StartFunction }> {
  const load = modules[manifest.name];
  if (!load) throw new Error(`${manifest.name} is missing from functions/function-modules.ts`);
  return load();
}
