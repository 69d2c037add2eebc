import type { Role } from './role.ts';
import type { User } from './user.ts';

/** The contract's `LoginInfo` (§1). */
export interface LoginInfo {
  readonly nickName: string;
  readonly email: string;
  readonly roles: readonly Role[];
  /** Never null: the existing frontend renders it with Next's `<Image>`, which fails the whole page on null. */
  readonly picUrl: string;
  readonly userId: number;
}

/** A user without a picture shows `defaultPicUrl`. */
export const loginInfoOf = (user: User, defaultPicUrl: string): LoginInfo => ({
  nickName: user.nickName,
  email: user.email,
  roles: [...user.roles],
  picUrl: user.picUrl ?? defaultPicUrl,
  userId: user.id,
});

/** The two tokens of a session, as they go into the cookies. */
export interface TokenPair {
  readonly access: string;
  readonly refresh: string;
}

/** What sign-in and refresh answer: the body, and the cookies' contents. */
export interface Session {
  readonly loginInfo: LoginInfo;
  readonly tokens: TokenPair;
}
