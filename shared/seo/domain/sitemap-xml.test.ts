import { describe, expect, it } from 'vitest';
import { MAX_SITEMAP_URLS, createSitemapFiles, sitemapIndexXml, type SitemapFile } from './sitemap-xml.ts';

async function cut(count: number): Promise<{ files: SitemapFile[]; total: number }> {
  const files: SitemapFile[] = [];
  const writer = createSitemapFiles(async (file) => void files.push(file));
  for (let i = 1; i <= count; i++) await writer.add({ loc: `https://blog.example/blog/${i}`, lastmod: i * 1000 });
  return { files, total: await writer.finish() };
}

describe('sitemap files', () => {
  it('hold up to 50,000 URLs in one file', async () => {
    const { files, total } = await cut(MAX_SITEMAP_URLS);
    expect(total).toBe(1);
    expect(files.map((file) => [file.number, file.urls])).toEqual([[1, MAX_SITEMAP_URLS]]);
  });

  it('start a second file at the 50,001st URL, each with the newest lastmod of its URLs', async () => {
    const { files, total } = await cut(MAX_SITEMAP_URLS + 1);
    expect(total).toBe(2);
    expect(files.map((file) => [file.number, file.urls, file.newest])).toEqual([
      [1, MAX_SITEMAP_URLS, MAX_SITEMAP_URLS * 1000],
      [2, 1, (MAX_SITEMAP_URLS + 1) * 1000],
    ]);
    expect(files[1]?.xml).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' +
        '<url><loc>https://blog.example/blog/50001</loc><lastmod>1970-01-01T13:53:21Z</lastmod></url>\n</urlset>\n',
    );
  });

  it('escape URLs and leave lastmod out when unknown', async () => {
    const files: SitemapFile[] = [];
    const writer = createSitemapFiles(async (file) => void files.push(file));
    await writer.add({ loc: 'https://blog.example/?a=1&b=2', lastmod: null });
    await writer.finish();
    expect(files[0]?.xml).toContain('<url><loc>https://blog.example/?a=1&amp;b=2</loc></url>');
    expect(files[0]?.newest).toBeNull();
  });

  it('are listed by an index in the same namespace', () => {
    expect(sitemapIndexXml([{ loc: 'https://api.example/api/seo/sitemap/1', lastmod: 0 }])).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' +
        '<sitemap><loc>https://api.example/api/seo/sitemap/1</loc><lastmod>1970-01-01T00:00:00Z</lastmod></sitemap>\n</sitemapindex>\n',
    );
  });
});
