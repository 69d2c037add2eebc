import type { Insertable, Kysely } from 'kysely';
import type { PlatformTables } from '../database/database.ts';
import type { OutboxRow, OutboxTable } from './outbox-table.ts';

/**
 * The outbox's SQL, in statements MySQL 8, MariaDB and SQLite all accept: no RETURNING, no UPDATE … LIMIT, no
 * LIMIT inside IN (…). Every function takes `db` or a transaction from it.
 */

export async function insertOutboxRows(db: Kysely<PlatformTables>, rows: readonly Insertable<OutboxTable>[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('outbox').values([...rows]).execute();
}

export interface OutboxClaim {
  readonly token: string;
  readonly now: number;
  readonly leaseMs: number;
}

/**
 * Claims up to `limit` of the oldest unpublished rows whose claim has lapsed (or that never had one) and returns
 * them in id order. Rows still held by their writer's fast path are skipped until that lease lapses.
 */
export async function claimOutboxBatch(db: Kysely<PlatformTables>, claim: OutboxClaim & { limit: number }): Promise<OutboxRow[]> {
  const candidates = await db
    .selectFrom('outbox')
    .select('id')
    .where('published_at', 'is', null)
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<=', claim.now)]))
    .orderBy('id')
    .limit(claim.limit)
    .execute();
  return claimOutboxRows(
    db,
    candidates.map((row) => row.id),
    claim,
  );
}

/**
 * Claims those of `ids` that are still free and returns what it got. The conditional UPDATE is what makes claims
 * exclusive: two sweepers may pick the same candidates, but a row's "unpublished and lapsed" condition can hold for
 * only the first of their updates, so each row goes to one claimant for the length of the lease.
 */
export async function claimOutboxRows(db: Kysely<PlatformTables>, ids: readonly number[], claim: OutboxClaim): Promise<OutboxRow[]> {
  if (ids.length === 0) return [];
  await db
    .updateTable('outbox')
    .set((eb) => ({ claimed_by: claim.token, claimed_until: claim.now + claim.leaseMs, attempts: eb('attempts', '+', 1) }))
    .where('id', 'in', [...ids])
    .where('published_at', 'is', null)
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<=', claim.now)]))
    .execute();
  return db.selectFrom('outbox').selectAll().where('id', 'in', [...ids]).where('claimed_by', '=', claim.token).orderBy('id').execute();
}

/** Keeps the first publication time when a row was published twice (a lapsed lease, a lost acknowledgement). */
export async function markOutboxPublished(db: Kysely<PlatformTables>, ids: readonly number[], now: number): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('outbox')
    .set({ published_at: now, claimed_by: null, claimed_until: null })
    .where('id', 'in', [...ids])
    .where('published_at', 'is', null)
    .execute();
}

const MAX_ERROR_LENGTH = 500;

/**
 * Gives rows back after a failed publish, so the next sweep takes them at once, and records why it failed. Only
 * rows still under the caller's claim (`claimedBy`: the sweep's token, or null for the writer's fast path) are
 * touched: if the lease lapsed and another sweeper took them meanwhile, its claim stands.
 */
export async function releaseOutboxClaim(db: Kysely<PlatformTables>, ids: readonly number[], claimedBy: string | null, failure: unknown): Promise<void> {
  if (ids.length === 0) return;
  const message = failure instanceof Error ? `${failure.name}: ${failure.message}` : String(failure);
  await db
    .updateTable('outbox')
    .set({ claimed_by: null, claimed_until: null, last_error: message.slice(0, MAX_ERROR_LENGTH) })
    .where('id', 'in', [...ids])
    .where('published_at', 'is', null)
    .where((eb) => (claimedBy === null ? eb('claimed_by', 'is', null) : eb('claimed_by', '=', claimedBy)))
    .execute();
}

/**
 * Deletes rows published before the cutoff that every consumer reading the outbox has taken (embedded profile);
 * unpublished rows are never deleted, however old, nor rows a consumer of their topic has not reached yet.
 */
export async function pruneOutbox(db: Kysely<PlatformTables>, publishedBefore: number): Promise<number> {
  const [result] = await db
    .deleteFrom('outbox')
    .where('published_at', '<', publishedBefore)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('outbox_consumer_positions as consumer')
            .select('consumer.consumer')
            .whereRef('consumer.topic', '=', 'outbox.topic')
            .whereRef('consumer.position', '<', 'outbox.position'),
        ),
      ),
    )
    .execute();
  return Number(result?.numDeletedRows ?? 0);
}

/** How many rows wait to be published, and since when the oldest has (null when none waits). */
export async function outboxBacklog(db: Kysely<PlatformTables>): Promise<{ rows: number; oldestCreatedAt: number | null }> {
  const row = await db
    .selectFrom('outbox')
    .select((eb) => [eb.fn.countAll().as('rows'), eb.fn.min('created_at').as('oldest')])
    .where('published_at', 'is', null)
    .executeTakeFirst();
  return { rows: Number(row?.rows ?? 0), oldestCreatedAt: row?.oldest == null ? null : Number(row.oldest) };
}
