import { SettingError, type Setting } from './setting.ts';

export type SettingsSpec = Readonly<Record<string, Setting<unknown>>>;
export type ConfigOf<S extends SettingsSpec> = { readonly [K in keyof S]: S[K] extends Setting<infer T> ? T : never };

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Decodes a spec from the environment once, at start. Every bad key is reported, each by name with what is wrong
 * with it, so a misconfigured pod fails its first start with one readable message. Secret values never appear.
 */
export function loadConfig<S extends SettingsSpec>(spec: S, env: Readonly<Record<string, string | undefined>> = process.env): ConfigOf<S> {
  const problems: string[] = [];
  const config: Record<string, unknown> = {};
  for (const [name, setting] of Object.entries(spec)) {
    const raw = env[setting.key];
    try {
      if (raw !== undefined) config[name] = setting.parse(raw);
      else if (setting.fallback) config[name] = setting.fallback();
      else problems.push(`${setting.key} is required${setting.description ? ` (${setting.description})` : ''}`);
    } catch (error) {
      if (!(error instanceof SettingError)) throw error;
      problems.push(`${setting.key} ${error.message}`);
    }
  }
  if (problems.length > 0) throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  return config as ConfigOf<S>;
}

/** The environment keys a spec reads, split by sensitivity: the deployment generator puts secrets in a Secret. */
export function settingKeys(spec: SettingsSpec): { plain: string[]; secret: string[] } {
  const settings = Object.values(spec);
  return {
    plain: settings.filter((s) => !s.secret).map((s) => s.key),
    secret: settings.filter((s) => s.secret).map((s) => s.key),
  };
}
