/** One-way password hashing for anonymous comments (a memory-hard modern hash; the value carries its parameters). */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
}
