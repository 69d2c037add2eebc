import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as GitHub would have received it. */
export interface RecordedContentsRequest {
  readonly method: string;
  readonly owner: string;
  readonly repo: string;
  /** Decoded path inside the repository. */
  readonly path: string;
  readonly authorization: string | undefined;
  readonly headers: IncomingHttpHeaders;
  readonly body: { readonly message?: string; readonly content?: string; readonly branch?: string; readonly sha?: string };
}

export interface StoredFile {
  readonly bytes: Buffer;
  readonly sha: string;
}

export interface GithubContentsServer {
  readonly apiUrl: string;
  readonly requests: RecordedContentsRequest[];
  /** Files committed, by `<owner>/<repo>@<branch>:<path>`. */
  readonly files: Map<string, StoredFile>;
  /** The next request gets this status, headers and body instead of being served. */
  failNext(status: number, headers?: Record<string, string>, body?: unknown): void;
  close(): Promise<void>;
}

const CONTENTS = /^\/repos\/([^/]+)\/([^/]+)\/contents\/(.+)$/;

/**
 * A local stand-in for GitHub's REST API, implementing what the GitHub image store uses: `PUT
 * /repos/{owner}/{repo}/contents/{path}` (create a file on a branch), with GitHub's answers — 201 with the commit,
 * 422 "sha wasn't supplied" for a path that exists, 401 for a wrong token, 404 for an unknown repository or
 * branch — and records every request exactly as received.
 */
export async function startGithubContentsServer(options: { token: string; owner: string; repo: string; branches?: readonly string[] }): Promise<GithubContentsServer> {
  const requests: RecordedContentsRequest[] = [];
  const files = new Map<string, StoredFile>();
  const failures: Array<{ status: number; headers: Record<string, string>; body: unknown }> = [];
  const branches = new Set(options.branches ?? ['main']);

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const answer = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'x-github-request-id': `REQ-${requests.length}`, ...headers });
        res.end(JSON.stringify(body));
      };
      const url = new URL(req.url ?? '/', 'http://github.test');
      const match = CONTENTS.exec(url.pathname);
      const text = Buffer.concat(chunks).toString('utf8');
      const body = text === '' ? {} : (JSON.parse(text) as RecordedContentsRequest['body']);
      if (match) {
        const [, owner = '', repo = '', path = ''] = match;
        requests.push({ method: req.method ?? '', owner, repo, path: decodeURIComponent(path), authorization: req.headers.authorization, headers: req.headers, body });
      }
      const failure = failures.shift();
      if (failure) return answer(failure.status, failure.body, failure.headers);
      if (req.headers.authorization !== `token ${options.token}`) return answer(401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' });
      if (!match || req.method !== 'PUT') return answer(404, { message: 'Not Found' });
      const [, owner, repo, rawPath = ''] = match;
      const path = decodeURIComponent(rawPath);
      if (owner !== options.owner || repo !== options.repo) return answer(404, { message: 'Not Found' });
      const branch = body.branch ?? 'main';
      if (!branches.has(branch)) return answer(404, { message: `Branch ${branch} not found` });
      if (typeof body.message !== 'string' || typeof body.content !== 'string') return answer(422, { message: 'Invalid request.\n\n"message" and "content" are required.' });
      const key = `${owner}/${repo}@${branch}:${path}`;
      if (files.has(key) && body.sha === undefined) return answer(422, { message: 'Invalid request.\n\n"sha" wasn\'t supplied.', documentation_url: 'https://docs.github.com/rest/repos/contents#create-or-update-file-contents', status: '422' });
      const bytes = Buffer.from(body.content, 'base64');
      const sha = createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
      files.set(key, { bytes, sha });
      answer(201, { content: { name: path.split('/').pop(), path, sha, size: bytes.length }, commit: { sha: createHash('sha1').update(key).digest('hex'), message: body.message } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    apiUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    files,
    failNext: (status, headers = {}, body = { message: `status ${status}` }) => void failures.push({ status, headers, body }),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
