/**
 * The date formats the feeds use. Every date written comes from an article change, never from the clock, so the
 * same articles always produce the same bytes.
 */

/** W3C date-time in UTC to the second (`2025-03-20T11:52:56Z`): sitemap `lastmod`, and RFC 3339 for Atom. */
export const w3cDateTime = (epochMillis: number): string => new Date(epochMillis).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** RFC 822 (with a four-digit year, as RFC 1123 and every feed reader have it): RSS `pubDate`, `lastBuildDate`. */
export const rfc822DateTime = (epochMillis: number): string => new Date(epochMillis).toUTCString();
