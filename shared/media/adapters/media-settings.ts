import { ConfigError, loadConfig } from '../../platform/config/load-config.ts';
import { DEV_PUBLIC_API_URL, platformSettings } from '../../platform/config/platform-settings.ts';
import { integer, oneOf, text, url, type Setting } from '../../platform/config/setting.ts';
import type { GithubStoreOptions } from './image-store.github.ts';

type Env = Readonly<Record<string, string | undefined>>;

export const DEFAULT_UPLOAD_MAX_BYTES = 10 * 1024 * 1024;
/** Room for the multipart framing around the file: boundaries, part headers and a few small fields. */
export const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

const optional = <T>(setting: Setting<T>): Setting<T | undefined> => ({ ...setting, fallback: () => undefined });

const uploadMaxBytes = integer('PILOG_UPLOAD_MAX_BYTES', 1, 100 * 1024 * 1024, { default: DEFAULT_UPLOAD_MAX_BYTES, description: 'largest accepted image in bytes (413 above)' });

/** What media-upload-image reads (contract §0.8, §2.5). */
export const mediaSettings = {
  profile: platformSettings.profile,
  dataDir: platformSettings.dataDir,
  uploadMaxBytes,
  store: optional(oneOf('PILOG_MEDIA_STORE', ['github', 'local'], { description: 'where images go; default local in embedded, github in services' })),
  publicApiUrl: optional(url('PILOG_PUBLIC_API_URL', { description: "pilog's public base URL; the local store's image URLs start with it" })),
  githubToken: text('PILOG_GITHUB_TOKEN', { default: '', secret: true, description: 'token with contents:write on the image repository' }),
  githubRepository: text('PILOG_GITHUB_REPOSITORY', { default: '', description: 'owner/name of the image repository' }),
  githubBranch: text('PILOG_GITHUB_BRANCH', { default: 'main', description: 'branch the images are committed to' }),
  githubPathPrefix: text('PILOG_GITHUB_PATH_PREFIX', { default: 'img', description: 'folder of the images in the repository' }),
  githubApiUrl: url('PILOG_GITHUB_API_URL', { default: 'https://api.github.com', description: 'GitHub REST API base (GitHub Enterprise, tests)' }),
  githubRawUrlBase: url('PILOG_GITHUB_RAW_URL_BASE', { default: 'https://github.com', description: 'image URLs are <base>/<owner>/<repo>/blob/<branch>/<prefix>/<file>?raw=true' }),
};

/**
 * The edge reads the whole request under the route's byte limit before the function sees it; that limit has to be
 * known when the route table is built, so it is read from the process environment, as the function's is.
 */
export function uploadBodyLimit(env: Env = process.env): number {
  return loadConfig({ uploadMaxBytes }, env).uploadMaxBytes + MULTIPART_OVERHEAD_BYTES;
}

/** Which image store, with what it needs; the store's client is imported only when `openMedia` opens it. */
export type ImageStoreConfig =
  | { readonly kind: 'local'; readonly publicApiUrl: string }
  | ({ readonly kind: 'github' } & Omit<GithubStoreOptions, 'logger' | 'timeoutMs'>);

export interface MediaConfig {
  readonly profile: 'embedded' | 'services';
  readonly dataDir: string;
  readonly maxBytes: number;
  readonly store: ImageStoreConfig;
}

const fail = (message: string): never => {
  throw new ConfigError(`Invalid configuration: ${message}`);
};

/** Reads the settings once at start; a GitHub store without its repository or token fails the start, naming the key. */
export function loadMediaConfig(env: Env): MediaConfig {
  const raw = loadConfig(mediaSettings, env);
  const common = { profile: raw.profile, dataDir: raw.dataDir, maxBytes: raw.uploadMaxBytes };
  const store = raw.store ?? (raw.profile === 'embedded' ? 'local' : 'github');
  if (store === 'local') {
    const publicApiUrl = raw.publicApiUrl ?? (raw.profile === 'embedded' ? DEV_PUBLIC_API_URL : fail('PILOG_PUBLIC_API_URL is required for the local media store in the services profile'));
    return { ...common, store: { kind: 'local', publicApiUrl } };
  }
  const [owner, repo, ...rest] = raw.githubRepository.split('/');
  if (!owner || !repo || rest.length > 0) fail('PILOG_GITHUB_REPOSITORY must be owner/name for the GitHub media store');
  if (raw.githubToken === '') fail('PILOG_GITHUB_TOKEN is required for the GitHub media store');
  return {
    ...common,
    store: {
      kind: 'github',
      token: raw.githubToken,
      owner: owner as string,
      repo: repo as string,
      branch: raw.githubBranch,
      pathPrefix: raw.githubPathPrefix.replace(/^\/+|\/+$/g, ''),
      apiUrl: raw.githubApiUrl,
      rawUrlBase: raw.githubRawUrlBase,
    },
  };
}
