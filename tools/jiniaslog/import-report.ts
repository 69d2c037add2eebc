import { createHash, type Hash } from 'node:crypto';

/**
 * One table's line of the final report. `present` rows were already in pilog (an earlier run): idempotence by
 * source id. The checksums digest the content of every accepted row, as mapped from the source and as read back
 * from pilog, in the same order: equal means pilog holds what the source holds.
 */
export class TableTally {
  read = 0;
  imported = 0;
  present = 0;
  readonly skipped = new Map<string, number>();
  private readonly source: Hash = createHash('sha256');
  private readonly target: Hash = createHash('sha256');
  private targetRows = 0;

  readonly table: string;

  constructor(table: string) {
    this.table = table;
  }

  skip(reason: string, count = 1): void {
    if (count > 0) this.skipped.set(reason, (this.skipped.get(reason) ?? 0) + count);
  }

  get skippedCount(): number {
    return [...this.skipped.values()].reduce((sum, count) => sum + count, 0);
  }

  digest(sourceFingerprint: string, targetFingerprint: string | null): void {
    this.source.update(`${sourceFingerprint}\n`);
    if (targetFingerprint !== null) {
      this.target.update(`${targetFingerprint}\n`);
      this.targetRows += 1;
    }
  }

  checksums(): { source: string; target: string; match: boolean } {
    const source = this.source.copy().digest('hex').slice(0, 16);
    const target = this.target.copy().digest('hex').slice(0, 16);
    return { source, target, match: source === target && this.targetRows === this.imported + this.present };
  }
}

export interface ImportReport {
  readonly dryRun: boolean;
  readonly tables: readonly TableTally[];
  readonly millis: number;
}

/** The final report: a fixed-width table, then each skip reason with its count. */
export function formatReport(report: ImportReport): string {
  const header = ['table', 'read', report.dryRun ? 'would import' : 'imported', 'present', 'skipped', 'checksum source', 'checksum target', ''];
  const rows = report.tables.map((tally) => {
    const sums = tally.checksums();
    const verdict = report.dryRun ? '(dry run)' : sums.match ? 'match' : 'MISMATCH';
    return [tally.table, tally.read, tally.imported, tally.present, tally.skippedCount, sums.source, report.dryRun ? '-' : sums.target, verdict].map(String);
  });
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] as string).length)));
  const line = (cells: readonly string[]) => cells.map((cell, column) => cell.padEnd(widths[column] as number)).join('  ').trimEnd();
  const reasons = report.tables.flatMap((tally) => [...tally.skipped].map(([reason, count]) => `  ${tally.table}: ${count} skipped, ${reason}`));
  return [line(header), ...rows.map(line), ...(reasons.length > 0 ? ['skipped rows:', ...reasons] : []), `done in ${(report.millis / 1000).toFixed(1)} s`].join('\n');
}

export const allChecksumsMatch = (report: ImportReport): boolean => report.tables.every((tally) => tally.checksums().match);

/** Progress on stderr: one line per table rewritten in place on a terminal, a line every few seconds otherwise. */
export function progressWriter(out: NodeJS.WritableStream & { isTTY?: boolean }, now: () => number = Date.now) {
  let started = now();
  let lastLine = 0;
  let lastState = '';
  return {
    start() {
      started = now();
      lastLine = 0;
    },
    update(tally: TableTally, total: number, final = false) {
      const at = now();
      if (!final && !out.isTTY && at - lastLine < 2000) return;
      const rate = Math.round((tally.read * 1000) / Math.max(1, at - started));
      const percent = total === 0 ? 100 : Math.floor((100 * tally.read) / total);
      const text = `[import] ${tally.table} ${tally.read}/${total} (${percent}%) ${rate} rows/s, ${tally.imported} imported, ${tally.present} present, ${tally.skippedCount} skipped`;
      const state = `${tally.table} ${tally.read}`;
      if (state === lastState && !out.isTTY) return;
      lastLine = at;
      lastState = state;
      out.write(out.isTTY ? `\r${text}${final ? '\n' : ''}` : `${text}\n`);
    },
  };
}
