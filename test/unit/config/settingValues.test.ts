// The settings snapshot the engine reads: defaults from the one table, hand-edited values checked.
import * as assert from 'node:assert/strict';
import { SETTINGS } from '../../../src/config/settings';
import { coerceSetting, settingValues } from '../../../src/config/settingValues';

describe('settingValues / coerceSetting', () => {
  it('defaults come from the settings table', () => {
    const values = settingValues();
    for (const [key, spec] of Object.entries(SETTINGS)) assert.equal(values[key as keyof typeof values], spec.default, key);
    assert.equal(settingValues({ model: 'x' }).model, 'x');
  });
  it('a value of the wrong type falls back to the default', () => {
    assert.equal(coerceSetting('temperature', '0.5'), -1);
    assert.equal(coerceSetting('thinking.includeThoughts', 'yes'), true);
    assert.equal(coerceSetting('model', 42), 'gemini-3.8-flash');
    assert.equal(coerceSetting('maxToolRounds', Number.NaN), 10);
    assert.equal(coerceSetting('endpoint', undefined), '');
  });
  it('enum values outside the list fall back; numbers are clamped and integers rounded', () => {
    assert.equal(coerceSetting('thinking.level', 'extreme'), 'default');
    assert.equal(coerceSetting('thinking.level', 'high'), 'high');
    assert.equal(coerceSetting('temperature', 7), 2);
    assert.equal(coerceSetting('requestTimeoutSeconds', 1), 5);
    assert.equal(coerceSetting('maxToolRounds', 3.6), 4);
    assert.equal(coerceSetting('retry.maxAttempts', 99), 10);
  });
});
