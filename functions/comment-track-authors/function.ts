import { userProfileChanged } from '../../shared/events/auth-user.events.ts';
import { commentReadModelSettings } from '../../shared/comment/adapters/comment-settings.ts';
import { defaultResources, defaultScaling, type EventTrigger, type FunctionManifest } from '../../shared/platform/runtime/manifest.ts';

/**
 * A function of its own rather than a second trigger of comment-track-articles: a function has one trigger, and a
 * KafkaSource reads one topic per subscription here. Both share the comment context's read-model adapters.
 */
export const manifest = {
  name: 'comment-track-authors',
  description: 'Keeps the nickname and picture that registered comments show, from the auth context profile events',
  trigger: { kind: 'events', topic: userProfileChanged.topic, types: [userProfileChanged.type] },
  scaling: { ...defaultScaling, maxScale: 1, concurrency: 10 },
  resources: defaultResources,
  settings: commentReadModelSettings,
} as const satisfies FunctionManifest<EventTrigger>;
