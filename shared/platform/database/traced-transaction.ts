import type { Kysely, Transaction } from 'kysely';
import { inSpan } from '../telemetry/telemetry.ts';

/**
 * `db.transaction().execute(work)` inside a `db.transaction` span (telemetry on), so what the transaction writes,
 * outbox rows and their trace context included, hangs under it in the request's trace.
 */
export function inTransaction<DB, T>(db: Kysely<DB>, work: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  return inSpan('db.transaction', { 'db.operation.name': 'transaction' }, () => db.transaction().execute(work));
}
