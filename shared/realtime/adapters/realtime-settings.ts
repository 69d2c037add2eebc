import { integer } from '../../platform/config/setting.ts';

/** The realtime channel's own keys; the function adds the blog's, the memo's and the identify settings. */
export const realtimeSettings = {
  idleTimeoutSeconds: integer('PILOG_REALTIME_IDLE_TIMEOUT_S', 1, 3600, {
    default: 300,
    description: 'a /ws connection that sends nothing for this long is closed (c[1000,"Idle timeout"]), so an idle editor lets the function scale to zero; keep it below the Knative timeoutSeconds (600)',
  }),
};
