export const EXCERPT_LENGTH = 200;

/** The first 200 characters of a body, counted in code points as the article cards count them (contract §1.1). */
export function excerptOf(body: string, length = EXCERPT_LENGTH): string {
  let excerpt = '';
  let taken = 0;
  for (const character of body) {
    if (taken === length) break;
    excerpt += character;
    taken++;
  }
  return excerpt;
}
