/**
 * The monolith stores DATETIME in the server's local zone with no offset; pilog stores epoch milliseconds (UTC).
 * A zone is an IANA name (`Asia/Seoul`, DST-aware) or a fixed offset (`+09:00`).
 */
const DATETIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?$/;
const OFFSET = /^([+-])(\d{2}):(\d{2})$/;

export type SourceTime = (text: string | null) => number | null;

/** How far ahead of UTC the zone's wall clock is at `utcMillis`. */
function offsetMillisAt(zone: string, utcMillis: number): number {
  const fixed = OFFSET.exec(zone);
  if (fixed) return (fixed[1] === '-' ? -1 : 1) * (Number(fixed[2]) * 60 + Number(fixed[3])) * 60_000;
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
    .formatToParts(new Date(utcMillis))
    .reduce<Record<string, number>>((all, part) => ({ ...all, [part.type]: Number(part.value) }), {});
  const wall = Date.UTC(parts.year as number, (parts.month as number) - 1, parts.day, parts.hour, parts.minute, parts.second);
  return wall - Math.floor(utcMillis / 1000) * 1000;
}

/** Throws for a zone that is neither an IANA name nor ±HH:MM, so a typo fails before anything is read. */
export function sourceTimeIn(zone: string): SourceTime {
  if (!OFFSET.test(zone)) new Intl.DateTimeFormat('en-US', { timeZone: zone });
  return (text) => {
    const match = text === null ? null : DATETIME.exec(text);
    if (!match) return null;
    const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
    const millis = Math.floor(Number(`0.${match[7] ?? '0'}`) * 1000);
    const wall = Date.UTC(year, month - 1, day, hour, minute, second, millis);
    const date = new Date(wall);
    // A zero or impossible date (2023-02-30) does not round-trip.
    if (year < 1970 || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
    // Twice: the offset at the guess, then at the corrected instant (right across a DST change).
    const guess = wall - offsetMillisAt(zone, wall);
    return wall - offsetMillisAt(zone, guess);
  };
}
