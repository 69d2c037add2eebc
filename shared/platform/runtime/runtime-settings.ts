import { integer } from '../config/setting.ts';
import { platformSettings } from '../config/platform-settings.ts';
import { httpSettingsFor } from '../http/http-settings.ts';
import { telemetrySettingsFor } from '../telemetry/telemetry-settings.ts';

/** What the container entry reads besides the function's own settings: where, how loud, what it reports. */
export const runtimeSettingsFor = (profile: 'embedded' | 'services') => ({
  port: integer('PORT', 1, 65535, { default: 8080, description: 'HTTP port; Knative sets it' }),
  logLevel: platformSettings.logLevel,
  ...httpSettingsFor(profile),
  ...telemetrySettingsFor(profile),
});
