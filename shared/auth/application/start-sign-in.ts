import type { AppError } from '../../kernel/app-error.ts';
import type { Result } from '../../kernel/result.ts';
import { parseSignInProvider, type SignInProvider } from '../domain/sign-in-provider.ts';
import type { AuthorizationRequest, IdentityProvider } from '../ports/identity-provider.port.ts';

export interface StartSignInDeps {
  readonly identityProviders: Readonly<Record<SignInProvider, IdentityProvider>>;
}

/** §2.6 step 1: the provider's authorization URL, and the PKCE secrets the caller keeps for the login call. */
export async function startSignIn(deps: StartSignInDeps, input: { readonly provider: string }): Promise<Result<AuthorizationRequest, AppError>> {
  const provider = parseSignInProvider(input.provider);
  if (!provider.ok) return provider;
  return deps.identityProviders[provider.value].authorizationRequest();
}
