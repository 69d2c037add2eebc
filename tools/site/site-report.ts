/** What an export or restore cannot do, in words for the operator (file:line where a file is at fault): printed, never a stack trace. */
export class SiteRefusal extends Error {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(problems.join('\n'));
    this.problems = problems;
  }
}

export type SiteProgress = (table: string, done: number, total: number, final?: boolean) => void;

/** A line per table when it is done, and one every two seconds while a long one runs. */
export function siteProgress(out: NodeJS.WritableStream, verb: 'export' | 'restore', now: () => number = Date.now): SiteProgress {
  let last = now();
  return (table, done, total, final = false) => {
    const at = now();
    if (!final && at - last < 2000) return;
    last = at;
    out.write(`[${verb}] ${table} ${done}/${total}${final ? ' done' : ''}\n`);
  };
}
