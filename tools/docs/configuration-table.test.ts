import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configurationTable } from './configuration-table.ts';

describe('docs/configuration.md', () => {
  it('matches the settings specs (run `npm run docs` after changing a setting)', () => {
    expect(readFileSync(new URL('../../docs/configuration.md', import.meta.url), 'utf8')).toBe(configurationTable());
  });

  it('lists platform keys, with profile-dependent defaults and secrets marked', () => {
    const table = configurationTable();
    expect(table).toMatch(/\| `PILOG_PROFILE` \| embedded \|/);
    expect(table).toMatch(/\| `PILOG_MYSQL_URL` \| \(empty\) \| yes \|/);
    expect(table).toContain('| `PILOG_CORS_ORIGINS` | http://localhost:3000,http://127.0.0.1:3000 / https://www.jiniaslog.co.kr');
  });
});
