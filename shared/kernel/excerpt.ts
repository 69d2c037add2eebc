/** How many characters of a body an excerpt keeps: the blog's article cards and the feeds' summaries alike (contract §1.1). */
export const EXCERPT_LENGTH = 200;

/**
 * The first `EXCERPT_LENGTH` code points, without spreading a long body into an array. A string of at most that many
 * UTF-16 units has at most that many code points, so it is its own excerpt (a list's, cut by the database, always is).
 */
export function excerptOf(body: string): string {
  if (body.length <= EXCERPT_LENGTH) return body;
  let length = 0;
  let end = 0;
  for (const character of body) {
    if (length === EXCERPT_LENGTH) break;
    length += 1;
    end += character.length;
  }
  return body.slice(0, end);
}
