// A typed snapshot of the user's settings, as the pure engine reads them. The VS Code glue
// (src/vscode/config.ts) fills it from workspace configuration; tests build it with
// `settingValues({...overrides})`. Types follow the one table in src/config/settings.ts.
import { SETTINGS, SettingKey } from '../config/settings';

type Widen<T> = T extends string ? string : T extends number ? number : T extends boolean ? boolean : never;

export type SettingValues = { [K in SettingKey]: Widen<(typeof SETTINGS)[K]['default']> };

/** The table's defaults, with `overrides` applied. */
export function settingValues(overrides: Partial<SettingValues> = {}): SettingValues {
  const values = {} as Record<string, unknown>;
  for (const [key, spec] of Object.entries(SETTINGS)) values[key] = spec.default;
  return { ...(values as SettingValues), ...overrides };
}

/** Reads the settings anew on each call, so a turn always sees the current values. */
export type SettingsSource = () => SettingValues;
