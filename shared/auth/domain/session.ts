import type { LoginInfo } from './login-info.ts';

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
