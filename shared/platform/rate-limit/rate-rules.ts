import { SettingError, type Setting } from '../config/setting.ts';
import type { RateRule } from './rate-limiter.port.ts';

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };
const RULE = /^(\d+)\/(\d*)([smhd])$/;

/** `5/1m,30/1h` → two rules. Each rule is `<limit>/<count><unit>` with unit s, m, h or d (`10/m` = `10/1m`). */
export function parseRateRules(text: string): RateRule[] {
  const rules = text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      const match = RULE.exec(part);
      if (!match) throw new SettingError(`must be rules like 5/1m,30/1h (got a malformed rule)`);
      const [, limit, count, unit] = match as unknown as [string, string, string, string];
      const windowSeconds = Number(count === '' ? 1 : count) * (UNIT_SECONDS[unit] as number);
      if (Number(limit) < 1 || windowSeconds < 1) throw new SettingError('must have limits and windows of at least 1');
      return { limit: Number(limit), windowSeconds };
    });
  if (rules.length === 0) throw new SettingError('must hold at least one rule like 10/1m');
  return rules;
}

/** A configuration key holding rate rules, e.g. `rateRules('PILOG_COMMENT_RATE', '5/1m,30/1h')`. */
export function rateRules(key: string, defaultRules: string, description = ''): Setting<readonly RateRule[]> {
  return { key, secret: false, description, fallback: () => parseRateRules(defaultRules), defaultText: defaultRules, parse: parseRateRules };
}
