const block = /<!-- generated: ([\w. ]+) -->\n[\s\S]*?<!-- \/generated -->/g;

/**
 * `document` with its generated parts rewritten from `parts`: everything between a `<!-- generated: <key> -->` line
 * and `<!-- /generated -->` is the code's; the prose around it is written by hand. Every part must have its place in
 * the document, and every place a part.
 */
export function withGeneratedParts(documentName: string, document: string, parts: ReadonlyMap<string, string>): string {
  const placed = new Set<string>();
  const written = document.replace(block, (_whole, key: string) => {
    const part = parts.get(key);
    if (part === undefined) throw new Error(`${documentName} asks for an unknown generated part "${key}"`);
    placed.add(key);
    return `<!-- generated: ${key} -->\n${part}\n<!-- /generated -->`;
  });
  const missing = [...parts.keys()].filter((key) => !placed.has(key));
  if (missing.length > 0) throw new Error(`${documentName} has no place for the generated ${missing.join(', ')}`);
  return written;
}

/** Markdown table cell text: pipes escaped, and angle brackets too, so `<the article id>` is not taken for HTML. */
export const cell = (text: string): string =>
  text.replaceAll('|', '\\|').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('\n', ' ');
