import { describe, expect, it } from 'vitest';
import { cdata, escapeXml, xmlCharacters } from './xml-text.ts';

describe('XML text', () => {
  it('escapes markup characters in text and attributes', () => {
    expect(escapeXml(`<a href="x">Tom & Jerry's</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&apos;s&lt;/a&gt;');
  });

  it('drops characters XML 1.0 cannot carry, keeping tabs, newlines, Korean and emoji', () => {
    expect(xmlCharacters('a\u0000b\u001bc\u000bd\uFFFEe\uD800f\t\n\r한글😀')).toBe('abcdef\t\n\r한글😀');
  });

  it('keeps `]]>` inside CDATA by splitting the section', () => {
    expect(cdata('a]]>b')).toBe('<![CDATA[a]]]]><![CDATA[>b]]>');
    expect(cdata('plain <b>html</b>')).toBe('<![CDATA[plain <b>html</b>]]>');
  });
});
