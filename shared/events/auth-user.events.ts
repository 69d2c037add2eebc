import { Type } from '@sinclair/typebox';
import { defineEvent } from './event-definition.ts';

/**
 * A user's public profile as other contexts may show it (comments show the nickname and avatar). Raised on every
 * sign-in, since sign-in refreshes the profile from the identity provider. The email stays in the auth context.
 */
export const userProfileChanged = defineEvent({
  context: 'auth',
  aggregate: 'user',
  event: 'profile-changed',
  version: 1,
  data: Type.Object({
    userId: Type.Integer({ minimum: 1 }),
    nickName: Type.String(),
    picUrl: Type.Union([Type.String(), Type.Null()]),
    roles: Type.Array(Type.String()),
  }),
  aggregateId: (data) => String(data.userId),
});

export const userEvents = [userProfileChanged] as const;
