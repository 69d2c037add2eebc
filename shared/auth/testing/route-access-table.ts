/**
 * Who may call what: for every route of every HTTP function, the status each kind of caller gets (contract §0.6).
 * `route-access.test.ts` calls every route as each caller against the functions started in the embedded profile,
 * and fails when a route of `functions/registry.ts` has no row here. Add your function's rows when you add routes.
 *
 * Callers: `anonymous` has no cookie; `user` is a USER who owns the resources a row's `request` creates;
 * `admin` is an ADMIN who does not own them; `anotherOwner` is a second USER, owner of nothing the row uses.
 * A row checks access only, so its request should be otherwise valid (or its expected statuses say why not).
 */
export const callerKinds = ['anonymous', 'user', 'admin', 'anotherOwner'] as const;
export type CallerKind = (typeof callerKinds)[number];

export interface AccessRequest {
  /** Concrete path, query included. */
  readonly path: string;
  readonly body?: unknown;
}

/** What a row's `request` can use to prepare its resources (e.g. create a memo as `user`). */
export interface AccessWorld {
  readonly base: string;
  readonly userIds: Readonly<Record<Exclude<CallerKind, 'anonymous'>, number>>;
  call(as: CallerKind, method: string, path: string, body?: unknown): Promise<Response>;
}

export interface AccessRow {
  readonly expect: Readonly<Record<CallerKind, number>>;
  /** Default: the route's path with every `{parameter}` set to 1, and no body. */
  readonly request?: (world: AccessWorld) => Promise<AccessRequest>;
}

const everyone = (status: number): Readonly<Record<CallerKind, number>> => ({ anonymous: status, user: status, admin: status, anotherOwner: status });
export const publicRoute = (status = 200) => everyone(status);
export const signedInRoute = (status = 200) => ({ anonymous: 401, user: status, admin: status, anotherOwner: status });
export const adminRoute = (status = 200) => ({ anonymous: 401, user: 403, admin: status, anotherOwner: 403 });
export const ownerRoute = (status = 200) => ({ anonymous: 401, user: status, admin: 403, anotherOwner: 403 });

export const routeAccessTable: Readonly<Record<string, Readonly<Record<string, AccessRow>>>> = {
  'docs-serve-api': {
    openApi: { expect: publicRoute() },
  },
  'auth-manage-session': {
    authorizationUrl: { expect: publicRoute(), request: async () => ({ path: '/api/v1/auth/GOOGLE/url' }) },
    // Anyone may try; without the PKCE cookie of the url route the login is refused before the provider is asked.
    login: { expect: publicRoute(400), request: async () => ({ path: '/api/v1/auth/GOOGLE/login', body: { code: 'some-code' } }) },
    // The refresh cookie is the credential here, not the access cookie the callers carry.
    refresh: { expect: publicRoute(401) },
    logout: { expect: publicRoute(200) },
  },
};
