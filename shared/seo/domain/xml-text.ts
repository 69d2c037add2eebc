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
