import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { manifests } from '../../functions/registry.ts';
import { withFunctionTable } from './function-table.ts';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe("the README's function table", () => {
  it('is the one the manifests make (run `npm run docs` after adding a function, a route or an event type)', () => {
    expect(readme).toBe(withFunctionTable(readme));
  });

  it('names every function once, with every route, event type or schedule it serves', () => {
    for (const manifest of manifests) expect(readme.match(new RegExp(`^\\| \`${manifest.name}\` \\|`, 'gm')), manifest.name).toHaveLength(1);
    expect(readme).toContain('| `blog-read-articles` | HTTP: `GET /api/v1/articles/simple`');
    expect(readme).toContain('`PUT /api/v1/memos/{memoId}/parent`');
    expect(readme).toContain('| `search-index-articles` | events on `pilog.blog.article`: `published.v1`');
    expect(readme).toContain('| `events-sweep-outbox` | cron `* * * * *` (UTC) |');
  });

  it("keeps the card's use-case names for the functions the card lists", () => {
    const names = manifests.map((manifest) => manifest.name);
    expect(names).toEqual(expect.arrayContaining(['blog-publish-post', 'memo-save-memo', 'comment-add-comment', 'media-upload-image', 'search-index-articles']));
  });
});
