/**
 * One-way password hashing for anonymous comments (a memory-hard modern hash; the value carries its parameters).
 * `verify` also accepts the bcrypt hashes of comments imported from the original backend; `needsRehash` says a
 * verified hash should be replaced by a fresh one made from the password just checked.
 */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
  needsRehash(hash: string): boolean;
}
