import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { manifests } from '../../functions/registry.ts';
import { withContractTables } from './contract-tables.ts';

const contract = readFileSync(new URL('../../docs/http-contract.md', import.meta.url), 'utf8');

describe('docs/http-contract.md', () => {
  it('holds the route and error tables as the code makes them (run `npm run docs` after changing a route or code)', () => {
    expect(contract).toBe(withContractTables(contract));
  });

  it('lists every HTTP route of every manifest once, with its access rule and function', () => {
    const routes = manifests.flatMap((manifest) =>
      manifest.trigger.kind === 'http' ? Object.values(manifest.trigger.routes).map((route) => ({ manifest, route })) : [],
    );
    expect(routes.length).toBeGreaterThan(40);
    for (const { manifest, route } of routes) {
      const row = new RegExp(`^\\| ${route.method} \\| \`${route.path.replace(/[{}]/g, '\\$&')}\` \\| [^|]+ \\| .* \\| \`${manifest.name}\` \\|$`, 'gm');
      expect(contract.match(row), `${route.method} ${route.path}`).toHaveLength(1);
    }
    expect(contract).toContain('| POST | `/api/v1/articles` | ADMIN |');
    expect(contract).toContain('| GET | `/api/v1/folders` | Signed in |');
  });

  it('refuses a document without a place for a table, or asking for one the code does not make', () => {
    expect(() => withContractTables(contract.replace('<!-- generated: routes 1.5 -->', '<!-- routes 1.5 -->'))).toThrow(/no place for the generated routes 1\.5/);
    expect(() => withContractTables(`${contract}\n<!-- generated: routes 9.9 -->\n<!-- /generated -->\n`)).toThrow(/unknown generated part "routes 9\.9"/);
  });

  it('gives every error code its status from the edge table', () => {
    expect(contract).toContain('| 415 | `UNSUPPORTED_MEDIA_TYPE` |');
    expect(contract).toContain('| 401 | `REFRESH_REJECTED` |');
  });
});
