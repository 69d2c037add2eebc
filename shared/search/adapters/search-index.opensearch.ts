import type { Client } from '@opensearch-project/opensearch';
import { appError, type AppError } from '../../kernel/app-error.ts';
import type { Clock } from '../../kernel/clock.ts';
import { err, ok, type Result } from '../../kernel/result.ts';
import { inSpan } from '../../platform/telemetry/telemetry.ts';
import type { SearchEntry } from '../domain/search-entry.ts';
import type { RebuildTarget, SearchIndex, SearchIndexRebuild } from '../ports/search-index.port.ts';
import { indexMappings, indexSettings, REFRESH_INTERVAL, searchRequest } from './search-analysis.ts';

type Failure = { readonly name?: string; readonly statusCode?: number; readonly body?: { error?: { type?: string } }; readonly meta?: { statusCode?: number } };

const TRANSPORT_FAILURES = new Set(['ConnectionError', 'TimeoutError', 'NoLivingConnectionsError', 'RequestAbortedError']);

/** Down, unreachable, overloaded or rejecting work for now: a retry later can succeed. */
const isUnavailable = (error: unknown): boolean => {
  const failure = error as Failure;
  const status = failure.statusCode ?? failure.meta?.statusCode ?? 0;
  return TRANSPORT_FAILURES.has(failure.name ?? '') || status >= 500 || status === 429;
};

const errorType = (error: unknown): string | undefined => (error as Failure).body?.error?.type;

const unavailable = (error: unknown): AppError =>
  appError('UPSTREAM_UNAVAILABLE', `search index unavailable: ${error instanceof Error ? error.message : String(error)}`, 5);

/** Failures a retry can fix become UPSTREAM_UNAVAILABLE; anything else is a bug and throws. */
async function guarded<T>(call: () => Promise<Result<T, AppError>>): Promise<Result<T, AppError>> {
  try {
    return await call();
  } catch (error) {
    if (isUnavailable(error)) return err(unavailable(error));
    throw error;
  }
}

/** The document as stored: the article's fields, or a tombstone that only says it is not visible. */
const sourceOf = (entry: SearchEntry): Record<string, unknown> =>
  entry.document === null ? { articleId: entry.articleId, visible: false } : { ...entry.document, visible: true };

interface BulkItem {
  readonly status: number;
  readonly error?: { readonly type?: string; readonly reason?: string };
}

/**
 * The services profile's index: OpenSearch behind an alias (`PILOG_SEARCH_INDEX`) over a versioned index. Every
 * write uses external versioning with the article's aggregate version, so OpenSearch itself refuses anything not
 * newer than what it holds (a replay, a late or duplicated delivery: answered 409 and skipped). Unpublish and
 * delete write a versioned tombstone document rather than delete: a delete's own tombstone is forgotten after
 * `index.gc_deletes` (60 s), after which a late "published" could have brought the article back.
 */
export function createOpenSearchIndex(
  client: Client,
  options: { readonly alias: string; readonly clock: Clock },
): SearchIndex & SearchIndexRebuild & { prepare(): Promise<void> } {
  const { alias } = options;
  const firstIndex = `${alias}-initial`;

  /** Creates the first versioned index with the alias on it, unless the alias exists. Safe to race. */
  async function ensureAlias(): Promise<void> {
    if ((await client.indices.existsAlias({ name: alias })).body) return;
    try {
      await client.indices.create({ index: firstIndex, body: { settings: indexSettings, mappings: indexMappings, aliases: { [alias]: {} } } });
    } catch (error) {
      if (errorType(error) !== 'resource_already_exists_exception') throw error;
    }
  }

  async function bulk(index: string, entries: readonly SearchEntry[]): Promise<'done' | 'no-index'> {
    if (entries.length === 0) return 'done';
    const body = entries.flatMap((entry) => [
      { index: { _index: index, _id: String(entry.articleId), version: entry.version, version_type: 'external' } },
      sourceOf(entry),
    ]);
    // `require_alias` on live writes: a missing alias must not let OpenSearch auto-create a plain index by its name.
    const attributes = { 'db.system.name': 'opensearch', 'db.operation.name': 'bulk', 'db.collection.name': index };
    const response = await inSpan('opensearch bulk', attributes, () => client.bulk({ body, require_alias: index === alias }));
    if (!response.body.errors) return 'done';
    const failed = (response.body.items as Array<{ index?: BulkItem }>).map((item) => item.index).filter((item): item is BulkItem => item !== undefined && item.status >= 300);
    // 409: that article already holds this version or a newer one.
    const problems = failed.filter((item) => item.status !== 409);
    if (problems.length === 0) return 'done';
    if (problems.every((item) => item.error?.type === 'index_not_found_exception')) return 'no-index';
    const overloaded = problems.find((item) => item.status === 429 || item.status >= 500);
    if (overloaded) throw Object.assign(new Error(`bulk write refused: ${overloaded.error?.reason ?? overloaded.status}`), { statusCode: overloaded.status });
    throw new Error(`bulk write failed: ${problems.map((item) => `${item.status} ${item.error?.type}: ${item.error?.reason}`).join('; ')}`);
  }

  async function indicesOfAlias(): Promise<string[]> {
    try {
      return Object.keys((await client.indices.getAlias({ name: alias })).body);
    } catch (error) {
      if ((error as Failure).statusCode === 404) return [];
      throw error;
    }
  }

  return {
    /** The live index exists, with the dynamic settings of this code (an index made by older code gets them too). */
    async prepare() {
      await ensureAlias();
      await client.indices.putSettings({ index: alias, body: { index: { refresh_interval: REFRESH_INTERVAL } } });
    },

    write: (entries) =>
      guarded(async () => {
        if ((await bulk(alias, entries)) === 'no-index') {
          await ensureAlias();
          await bulk(alias, entries);
        }
        return ok(undefined);
      }),

    search: (query, limit) =>
      guarded(async () => {
        try {
          const response = await client.search({ index: alias, body: searchRequest(query.text, limit) });
          return ok((response.body.hits.hits as Array<{ _id: string }>).map((hit) => Number(hit._id)));
        } catch (error) {
          // Nothing was ever indexed: nothing matches.
          if (errorType(error) === 'index_not_found_exception') return ok([]);
          throw error;
        }
      }),

    async start(): Promise<RebuildTarget> {
      const name = `${alias}-${new Date(options.clock.now()).toISOString().replace(/[-:.]/g, '').toLowerCase()}`;
      await client.indices.create({ index: name, body: { settings: indexSettings, mappings: indexMappings } });
      return {
        name,
        write: (entries) =>
          guarded(async () => {
            await bulk(name, entries);
            return ok(undefined);
          }),
        async promote() {
          await client.indices.refresh({ index: name });
          const previous = await indicesOfAlias();
          // One request, so searches and writes switch from the old index to the new one atomically.
          await client.indices.updateAliases({
            body: { actions: [...previous.map((index) => ({ remove: { index, alias } })), { add: { index: name, alias } }] },
          });
          if (previous.length > 0) await client.indices.delete({ index: previous.join(',') });
        },
      };
    },
  };
}
