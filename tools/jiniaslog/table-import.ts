import type { Kysely, Transaction } from 'kysely';
import type { RaisedEvent } from '../../shared/events/event-definition.ts';
import type { SiteDatabase } from '../site/site-database.ts';
import type { OutboxStamps } from '../../shared/platform/outbox/append-to-outbox.ts';
import { writeWithEvents } from '../site/read-model-events.ts';
import type { progressWriter, TableTally } from './import-report.ts';

export type Checked<T> = { readonly ok: true; readonly row: T } | { readonly ok: false; readonly reason: string };
export const accept = <T>(row: T): Checked<T> => ({ ok: true, row });
export const reject = (reason: string): Checked<never> => ({ ok: false, reason });

export interface ImportTarget {
  readonly db: Kysely<SiteDatabase>;
  readonly dryRun: boolean;
  readonly stamps: OutboxStamps;
}

/**
 * How one source table moves into pilog. `check` decides each row alone (a bad row is skipped with its reason,
 * never written in part); `write` inserts a batch of rows pilog does not hold yet and returns the events the read
 * models need, which go to the outbox in the same transaction: a batch is all there, events included, or not at all.
 */
export interface TableImport<Source, Row> {
  readonly tally: TableTally;
  count(): Promise<number>;
  batches(size: number): AsyncIterable<Source[]>;
  /** Loads what checking a batch needs beyond its own rows. */
  prepare?(batch: readonly Source[]): Promise<void>;
  check(source: Source): Checked<Row>;
  keyOf(row: Row): string;
  /** The keys of `rows` pilog already holds. */
  present(db: Kysely<SiteDatabase>, rows: readonly Row[]): Promise<ReadonlySet<string>>;
  write(trx: Transaction<SiteDatabase>, rows: readonly Row[]): Promise<readonly RaisedEvent[]>;
  /** The content `fingerprint` digests, of the source row as mapped. */
  fingerprint(row: Row): string;
  /** The same digest of what pilog holds for each row, by key. */
  readBack(db: Kysely<SiteDatabase>, rows: readonly Row[]): Promise<ReadonlyMap<string, string>>;
}

export const BATCH_SIZE = 500;

export async function importTable<Source, Row>(spec: TableImport<Source, Row>, target: ImportTarget, progress: ReturnType<typeof progressWriter>): Promise<void> {
  const { tally } = spec;
  const total = await spec.count();
  progress.start();
  for await (const batch of spec.batches(BATCH_SIZE)) {
    await spec.prepare?.(batch);
    const accepted: Row[] = [];
    for (const source of batch) {
      tally.read += 1;
      const checked = spec.check(source);
      if (checked.ok) accepted.push(checked.row);
      else tally.skip(checked.reason);
    }
    const present = await spec.present(target.db, accepted);
    const fresh = accepted.filter((row) => !present.has(spec.keyOf(row)));
    tally.present += accepted.length - fresh.length;
    tally.imported += fresh.length;
    if (!target.dryRun && fresh.length > 0) {
      await writeWithEvents(target.db, target.stamps, (trx) => spec.write(trx, fresh));
    }
    const held = target.dryRun ? null : await spec.readBack(target.db, accepted);
    for (const row of accepted) tally.digest(spec.fingerprint(row), held === null ? null : (held.get(spec.keyOf(row)) ?? 'missing'));
    progress.update(tally, total);
  }
  progress.update(tally, total, true);
}

/** Splits a long key list for `IN (…)` lists. */
export function chunks<T>(items: readonly T[], size = BATCH_SIZE): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}
