/**
 * Evaluates the subset of Traefik v3 rule syntax the gateway generator writes — Host, Method, Path, PathPrefix,
 * PathRegexp (Go RE2 syntax that JavaScript reads the same way for these patterns), `&&`, `||` and parentheses — so
 * tests can ask the committed IngressRoute where a request goes, as Traefik would.
 */
export interface RouteRequest {
  readonly host: string;
  readonly method: string;
  readonly path: string;
}

type Token = { kind: 'matcher'; name: string; argument: string } | { kind: 'and' | 'or' | 'open' | 'close' };

function tokenize(rule: string): Token[] {
  const tokens: Token[] = [];
  let rest = rule.trim();
  while (rest !== '') {
    const matcher = /^(\w+)\(`([^`]*)`\)/.exec(rest);
    if (matcher) tokens.push({ kind: 'matcher', name: matcher[1] as string, argument: matcher[2] as string });
    else if (rest.startsWith('&&')) tokens.push({ kind: 'and' });
    else if (rest.startsWith('||')) tokens.push({ kind: 'or' });
    else if (rest.startsWith('(')) tokens.push({ kind: 'open' });
    else if (rest.startsWith(')')) tokens.push({ kind: 'close' });
    else throw new Error(`unsupported rule syntax at: ${rest}`);
    rest = rest.slice(matcher ? matcher[0].length : rest.startsWith('(') || rest.startsWith(')') ? 1 : 2).trim();
  }
  return tokens;
}

function matches(name: string, argument: string, request: RouteRequest): boolean {
  switch (name) {
    case 'Host':
      return request.host.toLowerCase() === argument.toLowerCase();
    case 'Method':
      return request.method === argument;
    case 'Path':
      return request.path === argument;
    case 'PathPrefix':
      return request.path.startsWith(argument);
    case 'PathRegexp':
      return new RegExp(argument).test(request.path);
    default:
      throw new Error(`unsupported matcher ${name}`);
  }
}

/** `or` binds looser than `and`, as in Traefik. */
export function ruleMatches(rule: string, request: RouteRequest): boolean {
  const tokens = tokenize(rule);
  let position = 0;
  const primary = (): boolean => {
    const token = tokens[position++];
    if (token?.kind === 'matcher') return matches(token.name, token.argument, request);
    if (token?.kind === 'open') {
      const value = disjunction();
      if (tokens[position++]?.kind !== 'close') throw new Error(`unbalanced parentheses in ${rule}`);
      return value;
    }
    throw new Error(`unexpected token in ${rule}`);
  };
  const conjunction = (): boolean => {
    let value = primary();
    while (tokens[position]?.kind === 'and') {
      position++;
      value = primary() && value;
    }
    return value;
  };
  const disjunction = (): boolean => {
    let value = conjunction();
    while (tokens[position]?.kind === 'or') {
      position++;
      value = conjunction() || value;
    }
    return value;
  };
  const result = disjunction();
  if (position !== tokens.length) throw new Error(`trailing tokens in ${rule}`);
  return result;
}

export interface IngressRouteRule {
  readonly match: string;
  readonly priority: number;
  readonly middlewares: ReadonlyArray<{ readonly name: string }>;
}

/** The highest-priority matching rule, as Traefik picks it; undefined = Traefik's own 404. */
export function routeFor(rules: readonly IngressRouteRule[], request: RouteRequest): IngressRouteRule | undefined {
  return [...rules].sort((a, b) => b.priority - a.priority).find((rule) => ruleMatches(rule.match, request));
}
