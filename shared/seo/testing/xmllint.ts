import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The sitemap schema as the `sitemap` package (a dev dependency) ships it: sitemaps.org's own sitemap.xsd. */
export const SITEMAP_XSD = join(dirname(fileURLToPath(import.meta.resolve('sitemap/package.json'))), 'schema', 'sitemap.xsd');
/** Our own schema for `sitemapindex`: no installed package ships sitemaps.org's siteindex.xsd (see the file). */
export const SITEMAP_INDEX_XSD = fileURLToPath(new URL('./sitemap-index.xsd', import.meta.url));

const hasXmllint = (): boolean => spawnSync('xmllint', ['--version']).status === 0;

/**
 * Makes sure `xmllint` (Debian's libxml2-utils) is there, installing it when missing: the tests run as root on a
 * Debian machine. A stale package list is refreshed once if the first install fails.
 */
export function ensureXmllint(): void {
  if (hasXmllint()) return;
  const install = () => spawnSync('apt-get', ['install', '-y', '-q', 'libxml2-utils'], { stdio: 'ignore', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }).status === 0;
  if (!install()) {
    execFileSync('apt-get', ['update', '-q'], { stdio: 'ignore' });
    if (!install()) throw new Error('could not install libxml2-utils (xmllint)');
  }
  if (!hasXmllint()) throw new Error('xmllint is still missing after installing libxml2-utils');
}

/** Validates a document against an XSD with `xmllint --schema`; returns what xmllint complains of, empty when valid. */
export function schemaErrors(xml: string, xsd: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'pilog-xmllint-'));
  try {
    const file = join(dir, 'document.xml');
    writeFileSync(file, xml);
    const result = spawnSync('xmllint', ['--noout', '--nonet', '--schema', xsd, file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    return result.status === 0 ? '' : `${result.stderr}`.trim() || `xmllint exited with ${result.status}`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Well-formedness alone (RSS and Atom have no XSD of their own): what `xmllint --noout` complains of, empty when fine. */
export function wellFormednessErrors(xml: string): string {
  const result = spawnSync('xmllint', ['--noout', '--nonet', '-'], { input: xml, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return result.status === 0 ? '' : `${result.stderr}`.trim() || `xmllint exited with ${result.status}`;
}
