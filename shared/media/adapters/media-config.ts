import { ConfigError, loadConfig } from '../../platform/config/load-config.ts';
import { DEV_PUBLIC_API_URL } from '../../platform/config/platform-settings.ts';
import type { Logger } from '../../platform/logging/logger.ts';
import type { ImageStore } from '../ports/image-store.port.ts';
import { mediaSettings } from './media-settings.ts';

type Env = Readonly<Record<string, string | undefined>>;

// Apart from media-settings.ts, which every manifest reader (the API docs among them) imports: the store's
// clients are reachable only from here, so only media-upload-image's bundle carries them.
export interface MediaConfig {
  readonly maxBytes: number;
  openStore(logger: Logger): Promise<ImageStore>;
}

const fail = (message: string): never => {
  throw new ConfigError(`Invalid configuration: ${message}`);
};

/** Reads the settings once at start; a GitHub store without its repository or token fails the start, naming the key. */
export function loadMediaConfig(env: Env): MediaConfig {
  const raw = loadConfig(mediaSettings, env);
  const store = raw.store ?? (raw.profile === 'embedded' ? 'local' : 'github');
  if (store === 'local') {
    const publicApiUrl = raw.publicApiUrl ?? (raw.profile === 'embedded' ? DEV_PUBLIC_API_URL : fail('PILOG_PUBLIC_API_URL is required for the local media store in the services profile'));
    return {
      maxBytes: raw.uploadMaxBytes,
      openStore: async () => {
        const { createLocalImageStore, localMediaDirectory } = await import('./image-store.local.ts');
        return createLocalImageStore({ directory: localMediaDirectory(raw.dataDir), publicApiUrl });
      },
    };
  }
  const [owner, repo, ...rest] = raw.githubRepository.split('/');
  if (!owner || !repo || rest.length > 0) fail('PILOG_GITHUB_REPOSITORY must be owner/name for the GitHub media store');
  if (raw.githubToken === '') fail('PILOG_GITHUB_TOKEN is required for the GitHub media store');
  return {
    maxBytes: raw.uploadMaxBytes,
    openStore: async (logger) =>
      (await import('./image-store.github.ts')).createGithubImageStore({
        token: raw.githubToken,
        owner: owner as string,
        repo: repo as string,
        branch: raw.githubBranch,
        pathPrefix: raw.githubPathPrefix.replace(/^\/+|\/+$/g, ''),
        apiUrl: raw.githubApiUrl,
        rawUrlBase: raw.githubRawUrlBase,
        logger,
      }),
  };
}
