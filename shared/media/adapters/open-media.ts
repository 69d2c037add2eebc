import type { Platform } from '../../platform/runtime/open-platform.ts';
import type { UploadImageDeps } from '../application/upload-image.ts';
import type { MediaConfig } from './media-settings.ts';

/**
 * The upload's dependencies: the configured image store (a directory of the data dir, or a GitHub repository), whose
 * module is imported only here, so that manifest readers (the API docs among them) never load Octokit.
 */
export async function openMedia(platform: Platform, config: MediaConfig): Promise<UploadImageDeps> {
  const { store } = config;
  if (store.kind === 'local') {
    const { createLocalImageStore, localMediaDirectory } = await import('./image-store.local.ts');
    return { store: createLocalImageStore({ directory: localMediaDirectory(config.dataDir), publicApiUrl: store.publicApiUrl }), maxBytes: config.maxBytes };
  }
  const { createGithubImageStore } = await import('./image-store.github.ts');
  const { kind: _kind, ...options } = store;
  return { store: createGithubImageStore({ ...options, logger: platform.logger }), maxBytes: config.maxBytes };
}
