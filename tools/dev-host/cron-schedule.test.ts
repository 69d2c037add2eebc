import { describe, expect, it } from 'vitest';
import { parseCron } from './cron-schedule.ts';

const at = (iso: string) => new Date(iso);

describe('cron schedules', () => {
  it('matches every minute with * * * * *', () => {
    expect(parseCron('* * * * *').matches(at('2026-01-01T10:17:00Z'))).toBe(true);
  });

  it('matches steps, ranges and lists', () => {
    const every15 = parseCron('*/15 * * * *');
    expect(every15.matches(at('2026-01-01T10:30:00Z'))).toBe(true);
    expect(every15.matches(at('2026-01-01T10:31:00Z'))).toBe(false);
    const officeHours = parseCron('0 9-17/4 * * 1-5');
    expect(officeHours.matches(at('2026-11-23T13:00:00Z'))).toBe(true); // Monday
    expect(officeHours.matches(at('2026-11-22T13:00:00Z'))).toBe(false); // Sunday
    expect(parseCron('5,10 * * * *').matches(at('2026-01-01T00:10:00Z'))).toBe(true);
  });

  it('treats day-of-week 7 as Sunday and applies the either-day rule when both day fields are set', () => {
    expect(parseCron('0 0 * * 7').matches(at('2026-11-22T00:00:00Z'))).toBe(true);
    const firstOrMonday = parseCron('0 0 1 * 1');
    expect(firstOrMonday.matches(at('2026-11-23T00:00:00Z'))).toBe(true);
    expect(firstOrMonday.matches(at('2026-12-01T00:00:00Z'))).toBe(true);
    expect(firstOrMonday.matches(at('2026-12-02T00:00:00Z'))).toBe(false);
  });

  it.each(['* * * *', '60 * * * *', '*/0 * * * *', 'a * * * *', '5-1 * * * *'])('rejects "%s"', (expression) => {
    expect(() => parseCron(expression)).toThrow();
  });
});
