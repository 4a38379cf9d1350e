// A typed snapshot of the user's settings, as the pure engine reads them. The VS Code glue
// (src/vscode/config.ts) fills it from workspace configuration; tests build it with
// `settingValues({...overrides})`. Types follow the one table in src/config/settings.ts.
import { SETTINGS, SettingKey, SettingSpec } from './settings';

type Widen<T> = T extends string ? string : T extends number ? number : T extends boolean ? boolean
  : T extends readonly string[] ? readonly string[] : T extends object ? Readonly<Record<string, unknown>> : never;

export type SettingValues = { [K in SettingKey]: Widen<(typeof SETTINGS)[K]['default']> };

/** The table's defaults, with `overrides` applied. */
export function settingValues(overrides: Partial<SettingValues> = {}): SettingValues {
  const values = {} as Record<string, unknown>;
  for (const [key, spec] of Object.entries(SETTINGS)) values[key] = spec.default;
  return { ...(values as SettingValues), ...overrides };
}

/** Reads the settings anew on each call, so a turn always sees the current values. */
export type SettingsSource = () => SettingValues;

/**
 * A raw value from the user's settings.json, checked against the table: a value of the wrong
 * type or outside the enum falls back to the default; numbers are clamped to the bounds.
 */
export function coerceSetting<K extends SettingKey>(key: K, raw: unknown): SettingValues[K] {
  const spec: SettingSpec = SETTINGS[key];
  const fallback = spec.default as SettingValues[K];
  switch (spec.type) {
    case 'boolean':
      return (typeof raw === 'boolean' ? raw : fallback) as SettingValues[K];
    case 'array':
      return (Array.isArray(raw) ? raw.filter((item) => typeof item === 'string') : fallback) as SettingValues[K];
    case 'object':
      // Each consumer checks the entries it reads (e.g. pricing.ts skips a malformed price).
      return (raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? raw : fallback) as SettingValues[K];
    case 'string':
      if (typeof raw !== 'string') return fallback;
      return (spec.enum && !spec.enum.includes(raw) ? fallback : raw) as SettingValues[K];
    case 'number':
    case 'integer': {
      if (typeof raw !== 'number' || !Number.isFinite(raw)) return fallback;
      let value = spec.type === 'integer' ? Math.round(raw) : raw;
      if (spec.minimum !== undefined) value = Math.max(spec.minimum, value);
      if (spec.maximum !== undefined) value = Math.min(spec.maximum, value);
      return value as SettingValues[K];
    }
  }
}
