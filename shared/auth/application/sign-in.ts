import { validationFailed, type AppError } from '../../kernel/app-error.ts';
import { err, ok, type Result } from '../../kernel/result.ts';
import { loginInfoOf, type Session } from '../domain/session.ts';
import { parseSignInProvider, type SignInProvider } from '../domain/sign-in-provider.ts';
import { signInFieldsOf, type User } from '../domain/user.ts';
import type { AuthorizationRequest, IdentityProvider, PkceState } from '../ports/identity-provider.port.ts';
import type { SessionTokens } from '../ports/session-tokens.port.ts';
import type { TokenFamilyStore } from '../ports/token-family-store.port.ts';
import type { UserRepository } from '../ports/user-repository.port.ts';

export interface StartSignInDeps {
  readonly identityProviders: Readonly<Record<SignInProvider, IdentityProvider>>;
}

/** §2.6 step 1: the provider's authorization URL, and the PKCE secrets the caller keeps for the login call. */
export async function startSignIn(deps: StartSignInDeps, input: { readonly provider: string }): Promise<Result<AuthorizationRequest, AppError>> {
  const provider = parseSignInProvider(input.provider);
  if (!provider.ok) return provider;
  return deps.identityProviders[provider.value].authorizationRequest();
}

export interface SignInWithCodeDeps extends OpenSessionDeps {
  readonly identityProviders: Readonly<Record<SignInProvider, IdentityProvider>>;
  readonly users: UserRepository;
  readonly adminEmails: readonly string[];
}

export interface SignInWithCodeInput {
  readonly provider: string;
  readonly code: unknown;
  /** From the PKCE cookie; undefined when the cookie is missing or malformed. */
  readonly pkce: PkceState | undefined;
}

/** §2.6 steps 2–5: exchange the code, upsert the user by email, open a session. */
export async function signInWithCode(deps: SignInWithCodeDeps, input: SignInWithCodeInput): Promise<Result<Session, AppError>> {
  const provider = parseSignInProvider(input.provider);
  if (!provider.ok) return provider;
  if (typeof input.code !== 'string' || input.code.trim() === '') return err(validationFailed('body.code is required'));
  if (input.pkce === undefined) return err(validationFailed('the sign-in cookie is missing or expired: start again from the sign-in URL'));
  const profile = await deps.identityProviders[provider.value].exchangeCode(input.code, input.pkce);
  if (!profile.ok) return profile;
  const fields = signInFieldsOf(profile.value, deps.adminEmails);
  if (!fields.ok) return fields;
  const user = await deps.users.saveSignIn(fields.value);
  return ok(await openSession(deps, user));
}

export interface OpenSessionDeps {
  readonly tokens: SessionTokens;
  readonly families: TokenFamilyStore;
  readonly refreshTtlSeconds: number;
  /** The login answer's picture for a user whose provider gave none. */
  readonly defaultPicUrl: string;
}

/** §2.6 step 5: a new token family for this sign-in (one per device), and its first pair. */
export async function openSession(deps: OpenSessionDeps, user: User): Promise<Session> {
  const fid = deps.tokens.newFamilyId();
  const tokens = await deps.tokens.mint({ userId: user.id, roles: user.roles, fid });
  await deps.families.create({ fid, userId: user.id, currentHash: deps.tokens.hash(tokens.refresh) }, deps.refreshTtlSeconds);
  return { loginInfo: loginInfoOf(user, deps.defaultPicUrl), tokens };
}
