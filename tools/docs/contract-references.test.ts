import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url);
const read = (path: string): string => readFileSync(new URL(path, root), 'utf8');
const contract = read('docs/http-contract.md');

/** Every source and document file that may point into the contract. */
const files: readonly string[] = [
  'README.md',
  '.dependency-cruiser.cjs',
  ...['functions', 'shared', 'tools', 'bench', 'docs'].flatMap((folder) =>
    readdirSync(new URL(folder, root), { recursive: true, encoding: 'utf8' })
      .filter((path) => /\.(ts|md)$/.test(path) && !path.includes('node_modules'))
      .map((path) => `${folder}/${path}`),
  ),
];

const sections = new Set([...contract.matchAll(/^#{2,4} (\d+(?:\.\d+)*)\.? /gm)].map(([, number]) => number));
const journeys = new Set([...contract.matchAll(/^\*\*(J\d+) — /gm)].map(([, name]) => name));

/**
 * `§N` and `§N.M` in pilog's files mean a section of docs/http-contract.md; a reference qualified by another
 * document (`RFC 9110 §8.8`, `` `docs/deploy.md` §8 ``) is that document's.
 */
function references(text: string): string[] {
  return [...text.matchAll(/(RFC \d+ |\.md`? )?§ ?(\d+(?:\.\d+)*)/g)].filter(([, elsewhere]) => elsewhere === undefined).map(([, , number]) => number as string);
}

describe('references to the HTTP contract', () => {
  it('finds the sections the code refers to, and reads qualified references as another document’s', () => {
    expect(sections).toEqual(new Set(['0', '0.1', '0.2', '0.3', '0.4', '0.5', '0.6', '0.7', '0.8', '1', '1.1', '1.2', '1.3', '1.4', '1.5', '1.6', '1.7', '2', '2.1', '2.2', '2.3', '2.4', '2.5', '2.6', '3', '3.1', '3.2', '4', '5', '6']));
    expect(references('contract §2.1, RFC 9110 §8.8, `docs/deploy.md` §8, journeys of §6.')).toEqual(['2.1', '6']);
  });

  it('point at a section docs/http-contract.md has, from every file', () => {
    const dangling = files.flatMap((path) => references(read(path)).filter((number) => !sections.has(number)).map((number) => `${path}: §${number}`));
    expect(files.length).toBeGreaterThan(300);
    expect(files.flatMap((path) => references(read(path))).length).toBeGreaterThan(150);
    expect(dangling).toEqual([]);
  });

  it('name journeys the contract has', () => {
    const unknown = files.flatMap((path) => [...read(path).matchAll(/\bJ(\d+)\b/g)].map(([name]) => name).filter((name) => !journeys.has(name)).map((name) => `${path}: ${name}`));
    expect(journeys.size).toBe(6);
    expect(unknown).toEqual([]);
  });

  it('never point outside the repository, and every context README names the contract', () => {
    const pointingOut = files.filter((path) => path !== 'tools/docs/contract-references.test.ts' && /handbook/i.test(read(path)));
    expect(pointingOut).toEqual([]);
    const readmes = files.filter((path) => /^(README\.md|shared\/\w+\/README\.md)$/.test(path) && read(path).includes('§'));
    expect(readmes.length).toBeGreaterThan(5);
    expect(readmes.filter((path) => !read(path).includes('docs/http-contract.md'))).toEqual([]);
  });
});
