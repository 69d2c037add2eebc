import { Octokit } from '@octokit/rest';
import { appError, type AppError } from '../../kernel/app-error.ts';
import { err, ok } from '../../kernel/result.ts';
import type { Logger } from '../../platform/logging/logger.ts';
import type { ImageStore } from '../ports/image-store.port.ts';

export interface GithubStoreOptions {
  readonly token: string;
  readonly owner: string;
  readonly repo: string;
  readonly branch: string;
  /** Folder in the repository, `img` like the original backend. */
  readonly pathPrefix: string;
  /** The REST API (`https://api.github.com`, or a GitHub Enterprise or test server). */
  readonly apiUrl: string;
  /** Where files are viewed (`https://github.com`): the returned URL is `<base>/<owner>/<repo>/blob/<branch>/<path>?raw=true`. */
  readonly rawUrlBase: string;
  readonly timeoutMs?: number;
  readonly logger: Logger;
}

interface GithubError {
  readonly status?: number;
  readonly message?: string;
  readonly response?: { readonly headers?: Readonly<Record<string, string | number | undefined>>; readonly data?: unknown };
}

/** When GitHub did not say how long to wait: long enough for a blip to pass, short enough to retry by hand. */
const DEFAULT_RETRY_SECONDS = 30;

function retryAfterOf(error: GithubError, now: number): number {
  const headers = error.response?.headers ?? {};
  const retryAfter = Number(headers['retry-after']);
  if (Number.isFinite(retryAfter) && retryAfter > 0) return retryAfter;
  const reset = Number(headers['x-ratelimit-reset']);
  if (Number.isFinite(reset) && reset * 1000 > now) return Math.ceil((reset * 1000 - now) / 1000);
  return DEFAULT_RETRY_SECONDS;
}

const isRateLimit = (error: GithubError): boolean =>
  error.status === 429 ||
  (error.status === 403 && (String(error.response?.headers?.['x-ratelimit-remaining']) === '0' || error.response?.headers?.['retry-after'] !== undefined || /rate limit/i.test(error.message ?? '')));

/** The contents API's answer to a create without `sha` of a path that exists: the same bytes are already there. */
const isAlreadyThere = (error: GithubError): boolean => error.status === 422 && /\bsha\W+wasn.t supplied/i.test(error.message ?? '');

/**
 * The production store, like the original backend's: each image is committed to a GitHub repository through the
 * contents API, named by its hash, and shown through github.com's raw redirect (the frontend's image optimizer
 * accepts only that host). Only one request per upload: a create of a path that exists fails with 422 "sha wasn't
 * supplied", which here means the image is already stored, so a re-upload makes no commit.
 *
 * The token goes to Octokit and nowhere else: Octokit's own request log is silenced, and failures are logged and
 * answered with the status and GitHub's request id only.
 */
export function createGithubImageStore(options: GithubStoreOptions): ImageStore {
  const octokit = new Octokit({
    auth: options.token,
    baseUrl: options.apiUrl,
    userAgent: 'pilog-media-upload-image',
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
  });
  const urlOf = (path: string): string =>
    `${options.rawUrlBase}/${encodeURIComponent(options.owner)}/${encodeURIComponent(options.repo)}/blob/${options.branch.split('/').map(encodeURIComponent).join('/')}/${path}?raw=true`;

  const unavailable = (error: GithubError, path: string): AppError => {
    const status = error.status ?? 0;
    const requestId = error.response?.headers?.['x-github-request-id'];
    if (isRateLimit(error)) {
      const wait = retryAfterOf(error, Date.now());
      options.logger.warn('GitHub rate-limited an image upload', { status, requestId, path, retryAfterSeconds: wait });
      return appError('UPSTREAM_UNAVAILABLE', 'the image store is rate-limited, try again later', wait);
    }
    if (status === 0 || status >= 500) {
      options.logger.warn('GitHub is unavailable for an image upload', { status, requestId, path });
      return appError('UPSTREAM_UNAVAILABLE', 'the image store is unavailable, try again later', retryAfterOf(error, Date.now()));
    }
    // 401, 403, 404, other 422s: the configuration (token, repository, branch) is wrong; no wait will fix it.
    options.logger.error('GitHub refused an image upload; check the media store settings', { status, requestId, path });
    return appError('UPSTREAM_UNAVAILABLE', 'the image store refused the upload');
  };

  return {
    async save(image) {
      const path = `${options.pathPrefix}/${image.name}`;
      try {
        await octokit.rest.repos.createOrUpdateFileContents({
          owner: options.owner,
          repo: options.repo,
          path,
          branch: options.branch,
          message: `Upload ${image.name}`,
          content: Buffer.from(image.bytes).toString('base64'),
          request: { signal: AbortSignal.timeout(options.timeoutMs ?? 20_000) },
        });
      } catch (error) {
        if (!isAlreadyThere(error as GithubError)) return err(unavailable(error as GithubError, path));
      }
      return ok(urlOf(path));
    },
  };
}
