import { validationFailed, type AppError } from '../../kernel/app-error.ts';
import { err, ok, type Result } from '../../kernel/result.ts';
import type { Session } from '../domain/session.ts';
import { parseSignInProvider, type SignInProvider } from '../domain/sign-in-provider.ts';
import { signInFieldsOf } from '../domain/user.ts';
import type { IdentityProvider, PkceState } from '../ports/identity-provider.port.ts';
import type { UserRepository } from '../ports/user-repository.port.ts';
import { openSession, type OpenSessionDeps } from './open-session.ts';

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
