const keywords = new Set(['and', 'or', 'unless', 'by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'bool', 'offset', 'inf', 'nan']);

/**
 * The series names a PromQL expression reads: what is left once strings, label matchers, ranges, grouping lists and
 * function calls are taken out. Enough for the expressions pilog writes; `promtool check rules` checks their syntax.
 */
export function seriesIn(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ');
  const names = [...bare.matchAll(/(?<![\w.$])[a-zA-Z_:][a-zA-Z0-9_:]*(?![\w:])(?!\s*\()/g)].map(([name]) => name);
  return [...new Set(names.filter((name) => !keywords.has(name.toLowerCase())))];
}
