/**
 * XML 1.0 allows only these characters, in CDATA sections too: a control character or a lone surrogate anywhere in
 * an article would make the whole feed unparseable, so they are dropped rather than escaped (they cannot be).
 */
const NOT_AN_XML_CHARACTER = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export const xmlCharacters = (text: string): string => text.replace(NOT_AN_XML_CHARACTER, '');

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text for element content and attribute values alike. */
export const escapeXml = (text: string): string => xmlCharacters(text).replace(/[&<>"']/g, (character) => ESCAPES[character] as string);

/**
 * A CDATA section holding any text: `]]>` would end the section early, so each occurrence is split across two
 * sections (`]]` ends one, `>` starts the next), which every XML parser joins back into the same text.
 */
export const cdata = (text: string): string => `<![CDATA[${xmlCharacters(text).replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

// The date formats the feeds use. Every date written comes from an article change, never from the clock, so the
// same articles always produce the same bytes.

/** W3C date-time in UTC to the second (`2025-03-20T11:52:56Z`): sitemap `lastmod`, and RFC 3339 for Atom. */
export const w3cDateTime = (epochMillis: number): string => new Date(epochMillis).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** RFC 822 (with a four-digit year, as RFC 1123 and every feed reader have it): RSS `pubDate`, `lastBuildDate`. */
export const rfc822DateTime = (epochMillis: number): string => new Date(epochMillis).toUTCString();
