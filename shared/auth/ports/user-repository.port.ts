import type { SignInFields, User } from '../domain/user.ts';

export interface UserRepository {
  /** Inserts the user, or refreshes nickname, picture and roles of the one with that email; atomic per email. */
  saveSignIn(fields: SignInFields): Promise<User>;
  findById(id: number): Promise<User | null>;
}
