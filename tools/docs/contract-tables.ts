import { manifests } from '../../functions/registry.ts';
import { errorCodes, type ErrorCode } from '../../shared/kernel/app-error.ts';
import { errorStatus } from '../../shared/platform/http/error-status.ts';
import type { Access } from '../../shared/platform/runtime/manifest.ts';
import { cell, withGeneratedParts } from './generated-parts.ts';

/** The section of docs/http-contract.md that lists a route, by path prefix. */
const routeSections: readonly (readonly [section: string, prefixes: readonly string[]])[] = [
  ['1.1', ['/api/v1/articles', '/api/v1/tags']],
  ['1.2', ['/api/v1/memos']],
  ['1.3', ['/api/v1/folders']],
  ['1.4', ['/api/v1/comments']],
  ['1.5', ['/api/v1/media']],
  ['1.6', ['/api/v1/auth']],
  ['1.7', ['/api/docs']],
  ['3.1', ['/ws']],
  ['4', ['/api/seo']],
];

const accessShown: Readonly<Record<Access, string>> = {
  public: 'Public',
  authenticated: 'Signed in',
  admin: 'ADMIN',
  session: 'SockJS session (origin, then access cookie)',
};

/** What each error code means to a caller; the status comes from the one table the edge uses. */
const errorMeaning: Readonly<Record<ErrorCode, string>> = {
  VALIDATION_FAILED: 'malformed JSON, a missing or invalid parameter or field, or a rule the input breaks (blank name, cycle, too long)',
  INVALID_TRANSITION: 'an `(asIsStatus, toBeStatus)` pair that is not in the transition table (§2.1)',
  UNAUTHENTICATED: 'the route needs a signed-in caller and the request has no valid access token (missing and expired included)',
  REFRESH_REJECTED: 'the refresh cookie is missing, invalid, expired, revoked or reused (§2.6)',
  FORBIDDEN: 'signed in without the role the route needs; also a cross-site write with cookies and a preflight from an unlisted origin (§0.4)',
  NOT_OWNER: 'signed in, but the memo, folder or comment belongs to someone else',
  PASSWORD_MISMATCH: "wrong password for a guest's comment",
  NOT_FOUND: 'no such route, or no such id, or the resource is not visible in the state asked for',
  METHOD_NOT_ALLOWED: 'a known path with another method (`Allow` lists the methods)',
  STATE_CONFLICT: "the resource's current state forbids the operation (editing a DELETED article, publishing an incomplete draft)",
  QUOTA_EXCEEDED: 'a per-author limit is reached (1000 memos, 100 folders)',
  PAYLOAD_TOO_LARGE: "a body over the route's limit (1 MiB for JSON, `PILOG_UPLOAD_MAX_BYTES` for images)",
  UNSUPPORTED_MEDIA_TYPE: 'a body of a content type the route does not take, or uploaded bytes that are not a supported image',
  RATE_LIMITED: 'too many requests; `Retry-After` (seconds) says when to try again',
  UPSTREAM_UNAVAILABLE: 'a dependency (database, identity provider, media store) is down or limited pilog, or the function is still starting; `Retry-After` when known',
  INTERNAL: 'a bug: never used for a failure the caller could predict',
};

function sectionOf(path: string): string {
  const found = routeSections.find(([, prefixes]) => prefixes.some((prefix) => path === prefix || path.startsWith(`${prefix}/`)));
  if (!found) throw new Error(`route ${path} belongs to no section of docs/http-contract.md: add its prefix to routeSections`);
  return found[0];
}

function routeTables(): Map<string, string> {
  const rows = new Map<string, string[]>(routeSections.map(([section]) => [section, []]));
  for (const manifest of manifests) {
    if (manifest.trigger.kind !== 'http') continue;
    for (const route of Object.values(manifest.trigger.routes)) {
      const row = `| ${route.method} | \`${route.path}\` | ${accessShown[route.access]} | ${cell(route.summary)} | \`${manifest.name}\` |`;
      rows.get(sectionOf(route.path))?.push(row);
    }
  }
  const header = ['| Method | Path | Access | What | Function |', '|---|---|---|---|---|'];
  return new Map([...rows].map(([section, lines]) => [`routes ${section}`, [...header, ...lines].join('\n')]));
}

function errorTable(): string {
  const rows = [...errorCodes]
    .sort((a, b) => errorStatus[a] - errorStatus[b])
    .map((code) => `| ${errorStatus[code]} | \`${code}\` | ${errorMeaning[code]} |`);
  return ['| Status | `code` | Meaning |', '|---|---|---|', ...rows].join('\n');
}

/**
 * docs/http-contract.md with its generated parts rewritten: the route tables (from the manifests, as the OpenAPI
 * document is) and the error table (from the codes and the one status table).
 */
export function withContractTables(document: string): string {
  return withGeneratedParts('docs/http-contract.md', document, new Map([...routeTables(), ['errors', errorTable()]]));
}
