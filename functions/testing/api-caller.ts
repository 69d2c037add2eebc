import type { LoginInfo } from '../../shared/auth/domain/session.ts';
import { apiCall, browse, CookieJar } from '../../shared/auth/testing/browser.ts';
import { signInThroughApi } from '../../shared/auth/testing/dev-sign-in.ts';
import type { Caller } from '../../shared/kernel/access.ts';

export const FRONTEND_ORIGIN = 'http://localhost:3000';
export const CALLBACK_URL = `${FRONTEND_ORIGIN}/login/oauth2/code/google`;

/** A browser-like caller of the API: the frontend's Origin, a cookie jar of its own, JSON in and out. */
export interface ApiCaller {
  /** Who the API knows the caller as (user 0 without roles when anonymous). */
  readonly caller: Caller;
  readonly jar: CookieJar;
  /** The Cookie header the browser would send to `path`. */
  cookie(path?: string): string;
  call(method: string, path: string, body?: unknown): Promise<Response>;
  /** `call`, then the status and the parsed JSON body (undefined when empty). */
  json<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
  /** `call`, then the JSON body, throwing unless the answer had `status`. */
  expectJson<T = Record<string, unknown>>(method: string, path: string, body?: unknown, status?: number): Promise<T>;
}

/** A signed-in caller, with what the login answered. */
export interface SignedInCaller extends ApiCaller {
  readonly info: LoginInfo;
}

export interface RequestInit {
  readonly method?: string;
  readonly body?: unknown;
  readonly form?: FormData;
  readonly headers?: Record<string, string>;
}

/** A browser request with the frontend's Origin for any jar: a JSON body, a form, or none. */
export const requestAt =
  (base: string) =>
  (jar: CookieJar, path: string, init: RequestInit = {}): Promise<Response> =>
    browse(jar, `${base}${path}`, {
      method: init.method ?? 'GET',
      headers: { origin: FRONTEND_ORIGIN, ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}), ...init.headers },
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : init.form ? { body: init.form } : {}),
    });

/** A caller of the pilog at `base`, with a cookie jar of its own unless given one. */
export function callerOf(base: string, jar = new CookieJar(), caller: Caller = { userId: 0, roles: [] }): ApiCaller {
  const call = apiCall(jar, base, FRONTEND_ORIGIN);
  return {
    caller,
    jar,
    cookie: (path = '/api/v1') => jar.headerFor(path),
    call,
    async json<T>(method: string, path: string, body?: unknown) {
      const response = await call(method, path, body);
      const text = await response.text();
      return { status: response.status, body: (text === '' ? undefined : JSON.parse(text)) as T };
    },
    async expectJson<T>(method: string, path: string, body?: unknown, status = 200): Promise<T> {
      const response = await call(method, path, body);
      const text = await response.text();
      if (response.status !== status) throw new Error(`${method} ${path}: expected ${status}, got ${response.status} ${text}`);
      return JSON.parse(text) as T;
    },
  };
}

/** Signs in at the development identity provider mounted by the pilog at `base`, like a person would. */
export async function signIn(base: string, email: string): Promise<SignedInCaller> {
  const jar = new CookieJar();
  const info = (await signInThroughApi(callerOf(base, jar).call, email, CALLBACK_URL)) as LoginInfo;
  return { ...callerOf(base, jar, { userId: info.userId, roles: info.roles }), info };
}
