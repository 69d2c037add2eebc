import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { exportJWK, generateKeyPair } from 'jose';
import { Provider, interactionPolicy, type Grant, type OidcContext } from 'oidc-provider';
import { ConfigError } from '../../../shared/platform/config/load-config.ts';
import { isProductionRuntime, type AuthConfig } from '../../../shared/auth/adapters/auth-settings.ts';
import { createMemoryAdapterFactory } from './memory-adapter.ts';
import { signInPage } from './sign-in-page.ts';

export interface DevIdentityProviderOptions {
  /** Absolute; its path is where the listener is mounted, e.g. `http://127.0.0.1:8080/oidc`. */
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly redirectUris: readonly string[];
}

export interface DevIdentityProvider {
  /** `/oidc` for the issuer above: hand it every request whose path starts with it (prefix included). */
  readonly mountPath: string;
  readonly listener: RequestListener;
  close(): Promise<void>;
}

/** The provider matching what the auth function will ask for: its issuer, client and redirect URL. */
export const devIdentityProviderOptions = (config: Pick<AuthConfig, 'oidc'>): DevIdentityProviderOptions => ({
  issuer: config.oidc.issuer,
  clientId: config.oidc.clientId,
  clientSecret: config.oidc.clientSecret,
  redirectUris: [config.oidc.redirectUrl],
});

/** Every development user gets a picture, as Google users do: GitHub's identicon for a hash of the address. */
const identiconOf = (email: string): string => `https://github.com/identicons/${createHash('sha256').update(email).digest('hex').slice(0, 16)}.png`;

const EMAIL = /^[^\s@<>"]+@[^\s@<>"]+$/;
const SCOPE = 'openid email profile';

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 16 * 1024) break;
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function page(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(html);
}

/**
 * The development grant: the first-party client gets the scopes it asks for without a consent page, for whoever
 * signed in (a grant left by another address in the same browser session is not reused).
 */
async function loadExistingGrant(ctx: OidcContext): Promise<Grant | undefined> {
  const { account, client, session, result, provider } = ctx.oidc;
  if (!account || !client) return undefined;
  const grantId = result?.consent?.grantId ?? session?.grantIdFor(client.clientId);
  const existing = grantId ? await provider.Grant.find(grantId) : undefined;
  if (existing && existing.accountId === account.accountId) return existing;
  const grant = new provider.Grant({ accountId: account.accountId, clientId: client.clientId });
  grant.addOIDCScope(SCOPE);
  await grant.save();
  return grant;
}

/**
 * A real OpenID provider (oidc-provider) for local runs and tests: a sign-in page with one email field, then the
 * standard code flow back to the frontend's callback. pilog's production client talks to it unchanged; only the
 * issuer differs. Refuses to exist in production.
 */
export async function createDevIdentityProvider(
  options: DevIdentityProviderOptions,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<DevIdentityProvider> {
  if (isProductionRuntime(env)) throw new ConfigError('Invalid configuration: the development identity provider cannot run in production');
  const mountPath = new URL(options.issuer).pathname.replace(/\/+$/, '');
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const signingKey = { ...(await exportJWK(privateKey)), kid: 'dev-1', alg: 'RS256', use: 'sig' };

  const policy = interactionPolicy.base();
  // Ask for an address on every authorization, so a developer can switch users without clearing cookies.
  policy.get('login')?.checks.push(
    new interactionPolicy.Check('dev_sign_in_each_time', 'the development provider asks every time', 'login_required', (ctx) =>
      ctx.oidc.result?.login ? interactionPolicy.Check.NO_NEED_TO_PROMPT : interactionPolicy.Check.REQUEST_PROMPT,
    ),
  );

  const provider = new Provider(options.issuer, {
    adapter: createMemoryAdapterFactory(),
    clients: [
      {
        client_id: options.clientId,
        client_secret: options.clientSecret,
        redirect_uris: [...options.redirectUris],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    jwks: { keys: [signingKey] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    pkce: { required: () => true },
    // Put email and profile claims into the code-flow ID token, as Google does.
    conformIdTokenClaims: false,
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'picture'] },
    features: { devInteractions: { enabled: false } },
    interactions: { policy, url: async (_ctx: unknown, interaction: { uid: string }) => `${mountPath}/interaction/${interaction.uid}` },
    findAccount: async (_ctx: unknown, sub: string) => ({
      accountId: sub,
      claims: async () => ({ sub, email: sub, email_verified: true, name: sub.split('@')[0], picture: identiconOf(sub) }),
    }),
    loadExistingGrant,
    clientBasedCORS: () => false,
    ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 3600, Grant: 3600 },
  });
  const callback = provider.callback();

  const interact = async (req: IncomingMessage, res: ServerResponse, uid: string, submitted: boolean): Promise<void> => {
    const action = `${mountPath}/interaction/${uid}/login`;
    try {
      const details = await provider.interactionDetails(req, res);
      if (!submitted || req.method !== 'POST') return page(res, 200, signInPage({ action }));
      const email = (await readForm(req)).get('email')?.trim().toLowerCase() ?? '';
      if (!EMAIL.test(email) || email.length > 320) return page(res, 400, signInPage({ action, email, error: 'Enter an email address.' }));
      if (details.prompt.name !== 'login') return page(res, 400, signInPage({ action, error: 'This sign-in step has expired; start again.' }));
      await provider.interactionFinished(req, res, { login: { accountId: email } }, { mergeWithLastSubmission: false });
    } catch {
      page(res, 400, '<!doctype html><p>This sign-in has expired or is unknown. Start the sign-in again from the application.</p>');
    }
  };

  const listener: RequestListener = (req, res) => {
    const target = req.url ?? '/';
    if (!(target === mountPath || target.startsWith(`${mountPath}/`) || target.startsWith(`${mountPath}?`))) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    const rest = target.slice(mountPath.length) || '/';
    const interaction = /^\/interaction\/([\w-]+)(\/login)?(?:\?.*)?$/.exec(rest);
    if (interaction) {
      void interact(req, res, interaction[1] as string, interaction[2] !== undefined);
      return;
    }
    // oidc-provider finds its mount path from originalUrl minus url, as under Express's app.use('/oidc', …).
    (req as IncomingMessage & { originalUrl?: string }).originalUrl = target;
    req.url = rest;
    callback(req, res);
  };

  return { mountPath, listener, close: async () => {} };
}
