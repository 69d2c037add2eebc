import * as client from 'openid-client';
import { appError, validationFailed, type AppError } from '../../kernel/app-error.ts';
import { err, ok, type Result } from '../../kernel/result.ts';
import type { Logger } from '../../platform/logging/logger.ts';
import type { ProviderProfile } from '../domain/user.ts';
import type { IdentityProvider } from '../ports/identity-provider.port.ts';

export interface OpenIdClientOptions {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** The frontend page the provider sends the browser back to (§2.6). */
  readonly redirectUrl: string;
  /** Plain-http issuers: the development provider only, never in production. */
  readonly allowInsecureRequests: boolean;
  readonly timeoutSeconds?: number;
}

const SCOPE = 'openid email profile';
/** Errors the caller's code or browser caused: a stale, reused or foreign code, a nonce or PKCE mismatch. */
const REJECTED_CODES = new Set(['invalid_grant', 'invalid_request']);
const CALLER_CHECK_FAILURES = new Set(['OAUTH_JWT_CLAIM_COMPARISON_FAILED', 'OAUTH_JWT_TIMESTAMP_CHECK_FAILED', 'OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED', 'OAUTH_AUTHORIZATION_RESPONSE_ERROR']);

const upstreamUnavailable = (why: string, retryAfterSeconds?: number): AppError =>
  appError('UPSTREAM_UNAVAILABLE', `identity provider unavailable: ${why}`, retryAfterSeconds);

function retryAfterOf(response: unknown): number | undefined {
  if (!(response instanceof Response)) return undefined;
  const seconds = Number(response.headers.get('retry-after'));
  return Number.isFinite(seconds) && seconds > 0 ? seconds : undefined;
}

/**
 * A provider failure as a value. A code the provider refused is the caller's problem (400); everything else —
 * the provider down, slow, rate-limiting us or refusing our client credentials — is 503.
 */
function classify(error: unknown, logger: Logger): AppError {
  const rejected = validationFailed('the sign-in code was rejected; start the sign-in again');
  if (error instanceof client.ResponseBodyError) {
    if (error.status < 500 && error.status !== 429 && REJECTED_CODES.has(error.error)) return rejected;
    logger.error('identity provider refused the token request', { status: error.status, oauthError: error.error });
    return upstreamUnavailable(`token endpoint answered ${error.status}`, retryAfterOf(error.response));
  }
  if (error instanceof client.AuthorizationResponseError) return rejected;
  if (error instanceof client.ClientError && error.code !== undefined && CALLER_CHECK_FAILURES.has(error.code)) return rejected;
  logger.warn('identity provider unreachable or misbehaving', { error: error instanceof Error ? `${error.name}: ${error.message}` : String(error), code: (error as { code?: unknown }).code });
  return upstreamUnavailable('no usable answer', error instanceof client.ClientError ? retryAfterOf(error.cause) : undefined);
}

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

function profileOf(claims: Record<string, unknown>): ProviderProfile {
  // Google sends `email_verified` as a boolean; a few providers send the string "true".
  const verified = claims.email_verified === true || claims.email_verified === 'true';
  return { email: text(claims.email), emailVerified: verified, name: text(claims.name), picture: text(claims.picture) };
}

/**
 * The production sign-in path: OpenID Connect discovery, authorization-code flow with PKCE (S256) and a nonce, no
 * `state` (the existing frontend drops it), through openid-client. Only the issuer differs between Google and the
 * development provider.
 */
export function createOpenIdIdentityProvider(options: OpenIdClientOptions, logger: Logger): IdentityProvider {
  let discovered: Promise<client.Configuration> | undefined;
  const configuration = (): Promise<client.Configuration> => {
    discovered ??= client
      .discovery(new URL(options.issuer), options.clientId, options.clientSecret, client.ClientSecretPost(options.clientSecret), {
        execute: options.allowInsecureRequests ? [client.allowInsecureRequests] : [],
        timeout: options.timeoutSeconds ?? 10,
      })
      .catch((error: unknown) => {
        discovered = undefined; // try again on the next call
        throw error;
      });
    return discovered;
  };

  return {
    async authorizationRequest() {
      try {
        const config = await configuration();
        const verifier = client.randomPKCECodeVerifier();
        const nonce = client.randomNonce();
        const url = client.buildAuthorizationUrl(config, {
          response_type: 'code',
          scope: SCOPE,
          redirect_uri: options.redirectUrl,
          code_challenge: await client.calculatePKCECodeChallenge(verifier),
          code_challenge_method: 'S256',
          nonce,
        });
        return ok({ url: url.href, pkce: { verifier, nonce } });
      } catch (error) {
        return err(classify(error, logger));
      }
    },

    async exchangeCode(code, pkce): Promise<Result<ProviderProfile, AppError>> {
      try {
        const config = await configuration();
        // The frontend forwards only `code`; the callback is rebuilt with the `iss` a provider advertising
        // RFC 9207 would have added, which openid-client otherwise insists on.
        const callback = new URL(options.redirectUrl);
        callback.searchParams.set('code', code);
        callback.searchParams.set('iss', config.serverMetadata().issuer);
        const tokens = await client.authorizationCodeGrant(config, callback, { pkceCodeVerifier: pkce.verifier, expectedNonce: pkce.nonce, idTokenExpected: true });
        const claims = (tokens.claims() ?? {}) as Record<string, unknown>;
        if (typeof claims.email === 'string') return ok(profileOf(claims));
        const userInfo = await client.fetchUserInfo(config, tokens.access_token, String(claims.sub));
        return ok(profileOf({ ...claims, ...userInfo }));
      } catch (error) {
        return err(classify(error, logger));
      }
    },
  };
}
