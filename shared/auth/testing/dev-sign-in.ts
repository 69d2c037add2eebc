import { browse, CookieJar } from './browser.ts';

const MAX_HOPS = 10;

/**
 * What a person does at the development identity provider: open the authorization URL, type an address into the
 * one field, submit, and follow the redirects until the provider sends the browser to the frontend's callback.
 * Returns the `code` the frontend would forward to `POST /api/v1/auth/GOOGLE/login`.
 */
export async function signInAtDevProvider(authorizationUrl: string, email: string, callbackPrefix: string): Promise<string> {
  const jar = new CookieJar();
  let at = authorizationUrl;
  let response = await browse(jar, at);
  let hops = 0;
  /** Follows redirects; stops at the frontend's callback and answers its URL. */
  const followRedirects = async (): Promise<URL | undefined> => {
    while (response.status >= 300 && response.status < 400) {
      const location = new URL(response.headers.get('location') ?? '', at);
      if (location.href.startsWith(callbackPrefix)) return location;
      if (++hops > MAX_HOPS) throw new Error('too many redirects at the identity provider');
      at = location.href;
      response = await browse(jar, at);
    }
    return undefined;
  };

  if (await followRedirects()) throw new Error('the provider skipped its sign-in page');
  const html = await response.text();
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
  if (response.status !== 200 || !action || !html.includes('name="email"')) throw new Error(`no sign-in page at the provider (${response.status}): ${html.slice(0, 300)}`);
  at = new URL(action.replaceAll('&amp;', '&'), at).href;
  response = await browse(jar, at, { method: 'POST', body: new URLSearchParams({ email }), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  const callback = await followRedirects();
  const code = callback?.searchParams.get('code');
  if (!code) throw new Error(`the provider did not send the browser back with a code (${response.status}): ${callback?.search ?? (await response.text()).slice(0, 300)}`);
  return code;
}

/**
 * The frontend's whole sign-in through pilog's API: ask for the authorization URL, sign in at the development
 * provider as `email`, hand the code to the login route. `call` is a browser-like API call whose jar then holds the
 * session cookies; answers the login response's JSON, throwing unless it succeeded.
 */
export async function signInThroughApi(call: (method: string, path: string, body?: unknown) => Promise<Response>, email: string, callbackPrefix: string): Promise<unknown> {
  const { url } = (await (await call('GET', '/api/v1/auth/GOOGLE/url')).json()) as { url: string };
  const code = await signInAtDevProvider(url, email, callbackPrefix);
  const login = await call('POST', '/api/v1/auth/GOOGLE/login', { code });
  if (login.status !== 200) throw new Error(`sign-in failed with ${login.status}: ${await login.text()}`);
  return login.json();
}
