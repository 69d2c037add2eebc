import type { Role } from './role.ts';
import type { User } from './user.ts';

/** The contract's `LoginInfo` (§1). */
export interface LoginInfo {
  readonly nickName: string;
  readonly email: string;
  readonly roles: readonly Role[];
  readonly picUrl: string | null;
  readonly userId: number;
}

export const loginInfoOf = (user: User): LoginInfo => ({
  nickName: user.nickName,
  email: user.email,
  roles: [...user.roles],
  picUrl: user.picUrl,
  userId: user.id,
});
