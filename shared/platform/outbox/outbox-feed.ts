import type { Kysely } from 'kysely';
import type { PlatformTables } from '../database/database.ts';
import type { OutboxRow } from './outbox-table.ts';

/** One event function reading one topic from the outbox (embedded profile, ADR 0002). */
export interface OutboxConsumer {
  readonly consumer: string;
  readonly topic: string;
}

export type FedOutboxRow = OutboxRow & { readonly position: number };

/** The consumer's stored position: the last row it took, 0 before its first. */
export async function consumerPosition(db: Kysely<PlatformTables>, consumer: OutboxConsumer): Promise<number> {
  const row = await db
    .selectFrom('outbox_consumer_positions')
    .select('position')
    .where('consumer', '=', consumer.consumer)
    .where('topic', '=', consumer.topic)
    .executeTakeFirst();
  return Number(row?.position ?? 0);
}

/** Up to `limit` rows of the consumer's topic after `after`, in commit order. */
export async function readOutboxFeed(db: Kysely<PlatformTables>, consumer: OutboxConsumer, after: number, limit: number): Promise<FedOutboxRow[]> {
  const rows = await db
    .selectFrom('outbox')
    .selectAll()
    .where('topic', '=', consumer.topic)
    .where('position', '>', after)
    .orderBy('position')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ ...row, position: Number(row.position) }));
}

/** Records that the consumer took every row of its topic up to `position`. */
export async function storeConsumerPosition(db: Kysely<PlatformTables>, consumer: OutboxConsumer, position: number): Promise<void> {
  const [updated] = await db
    .updateTable('outbox_consumer_positions')
    .set({ position })
    .where('consumer', '=', consumer.consumer)
    .where('topic', '=', consumer.topic)
    .execute();
  if (Number(updated?.numUpdatedRows ?? 0) === 0) await db.insertInto('outbox_consumer_positions').values({ ...consumer, position }).execute();
}
