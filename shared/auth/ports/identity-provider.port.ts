import type { AppError } from '../../kernel/app-error.ts';
import type { Result } from '../../kernel/result.ts';
import type { ProviderProfile } from '../domain/user.ts';

/** The secrets of one authorization request, kept by the browser in the short-lived PKCE cookie. */
export interface PkceState {
  readonly verifier: string;
  readonly nonce: string;
}

export interface AuthorizationRequest {
  readonly url: string;
  readonly pkce: PkceState;
}

/**
 * An OpenID Connect provider (Google, or the development provider), driven through the authorization-code flow.
 * Failures are values: a code the provider rejects → VALIDATION_FAILED; the provider down or refusing us →
 * UPSTREAM_UNAVAILABLE.
 */
export interface IdentityProvider {
  authorizationRequest(): Promise<Result<AuthorizationRequest, AppError>>;
  exchangeCode(code: string, pkce: PkceState): Promise<Result<ProviderProfile, AppError>>;
}
