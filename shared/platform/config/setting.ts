/**
 * One configuration key: where it comes from, how it is decoded, and whether its value is a secret (never echoed
 * in errors or logs). A setting's parse throws a SettingError with a message about the value, not the value.
 */
export interface Setting<T> {
  readonly key: string;
  readonly secret: boolean;
  readonly description: string;
  /** Undefined when the key is absent: the default applies, or the key is required. */
  readonly fallback: (() => T) | undefined;
  /** The default as an operator would write it, for generated documentation (when it is not plain text). */
  readonly defaultText?: string;
  parse(raw: string): T;
}

export class SettingError extends Error {}

interface Options<T> {
  default?: T;
  secret?: boolean;
  description?: string;
}

function setting<T>(key: string, parse: (raw: string) => T, options: Options<T>): Setting<T> {
  const fallback = 'default' in options ? () => options.default as T : undefined;
  return { key, parse, fallback, secret: options.secret ?? false, description: options.description ?? '' };
}

export const text = (key: string, options: Options<string> = {}): Setting<string> =>
  setting(key, (raw) => raw, options);

export const secret = (key: string, minBytes: number, options: Options<string> = {}): Setting<string> =>
  setting(
    key,
    (raw) => {
      if (Buffer.byteLength(raw) < minBytes) throw new SettingError(`must be at least ${minBytes} bytes`);
      return raw;
    },
    { ...options, secret: true },
  );

export const integer = (key: string, min: number, max: number, options: Options<number> = {}): Setting<number> =>
  setting(
    key,
    (raw) => {
      const value = Number(raw);
      if (!/^-?\d+$/.test(raw.trim()) || value < min || value > max) throw new SettingError(`must be an integer in ${min}..${max}`);
      return value;
    },
    options,
  );

export const flag = (key: string, options: Options<boolean> = {}): Setting<boolean> =>
  setting(
    key,
    (raw) => {
      if (raw === 'true' || raw === '1') return true;
      if (raw === 'false' || raw === '0' || raw === '') return false;
      throw new SettingError('must be true or false');
    },
    options,
  );

export const oneOf = <const V extends string>(key: string, values: readonly V[], options: Options<V> = {}): Setting<V> =>
  setting(
    key,
    (raw) => {
      if (!(values as readonly string[]).includes(raw)) throw new SettingError(`must be one of ${values.join(', ')}`);
      return raw as V;
    },
    options,
  );

export const url = (key: string, options: Options<string> = {}): Setting<string> =>
  setting(
    key,
    (raw) => {
      if (!URL.canParse(raw)) throw new SettingError('must be an absolute URL');
      return raw.replace(/\/+$/, '');
    },
    options,
  );

/** Comma-separated, blanks dropped. */
export const list = (key: string, options: Options<readonly string[]> = {}): Setting<readonly string[]> =>
  setting(
    key,
    (raw) =>
      raw
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item !== ''),
    options,
  );
