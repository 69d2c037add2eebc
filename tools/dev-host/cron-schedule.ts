/**
 * Five-field cron (minute hour day-of-month month day-of-week), the syntax PingSource takes, evaluated in UTC.
 * Supports `*`, numbers, ranges `a-b`, steps `*\/n` and `a-b/n`, and lists. Day-of-week 0 and 7 are Sunday.
 */
export interface CronSchedule {
  matches(date: Date): boolean;
}

const fields = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12 },
  { name: 'day of week', min: 0, max: 7 },
] as const;

function parseField(text: string, field: (typeof fields)[number]): Set<number> {
  const values = new Set<number>();
  for (const part of text.split(',')) {
    const match = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(part);
    if (!match) throw new Error(`cron ${field.name}: cannot read "${part}"`);
    const [, all, from, to, step] = match;
    const start = all === '*' ? field.min : Number(from);
    const end = all === '*' ? field.max : to !== undefined ? Number(to) : step !== undefined ? field.max : start;
    const increment = step === undefined ? 1 : Number(step);
    if (start < field.min || end > field.max || start > end || increment < 1) throw new Error(`cron ${field.name}: "${part}" is out of range`);
    for (let value = start; value <= end; value += increment) values.add(value);
  }
  return values;
}

export function parseCron(expression: string): CronSchedule {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 5) throw new Error(`cron "${expression}" must have five fields`);
  const [minute, hour, dayOfMonth, month, dayOfWeek] = parts.map((part, i) => parseField(part, fields[i] as (typeof fields)[number])) as [
    Set<number>,
    Set<number>,
    Set<number>,
    Set<number>,
    Set<number>,
  ];
  if (dayOfWeek.has(7)) dayOfWeek.add(0);
  const restrictedDay = parts[2] !== '*' && parts[4] !== '*';
  return {
    matches(date: Date): boolean {
      const dayMatches = restrictedDay
        ? dayOfMonth.has(date.getUTCDate()) || dayOfWeek.has(date.getUTCDay()) // cron's "either day field" rule
        : dayOfMonth.has(date.getUTCDate()) && dayOfWeek.has(date.getUTCDay());
      return minute.has(date.getUTCMinutes()) && hour.has(date.getUTCHours()) && month.has(date.getUTCMonth() + 1) && dayMatches;
    },
  };
}
