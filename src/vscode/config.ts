// The typed view of the `gemini.*` settings. Keys, types, defaults and bounds come from the one
// table (src/config/settings.ts); a hand-edited settings.json with a wrong type or an unknown
// enum value falls back to the default instead of reaching the service.
import * as vscode from 'vscode';
import { SETTINGS, SETTINGS_SECTION, SettingKey } from '../config/settings';
import { coerceSetting, SettingValues } from '../config/settingValues';

const KEYS = Object.keys(SETTINGS) as SettingKey[];

export class Config implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<SettingKey[]>();
  /** Fires with the keys whose effective value may have changed. */
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor() {
    this.subscription = vscode.workspace.onDidChangeConfiguration((event) => {
      const keys = KEYS.filter((key) => event.affectsConfiguration(`${SETTINGS_SECTION}.${key}`));
      if (keys.length > 0) this.changed.fire(keys);
    });
  }

  get<K extends SettingKey>(key: K): SettingValues[K] {
    return coerceSetting(key, vscode.workspace.getConfiguration(SETTINGS_SECTION).get(key));
  }

  /** All settings at once, read fresh: what the engine gets at the start of each turn. */
  snapshot(): SettingValues {
    const section = vscode.workspace.getConfiguration(SETTINGS_SECTION);
    const values = {} as Record<SettingKey, unknown>;
    for (const key of KEYS) values[key] = coerceSetting(key, section.get(key));
    return values as SettingValues;
  }

  /** Writes a setting, to the user settings unless a target is given. */
  async update<K extends SettingKey>(key: K, value: SettingValues[K], target = vscode.ConfigurationTarget.Global): Promise<void> {
    await vscode.workspace.getConfiguration(SETTINGS_SECTION).update(key, value, target);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
