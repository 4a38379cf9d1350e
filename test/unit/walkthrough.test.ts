// The walkthrough names today's models and says how a key must be set up: it would be the first
// thing a new user reads that goes stale when Google retires a model.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { SETTINGS } from '../../src/config/settings';
import { REPLACEMENTS } from '../../src/gemini/retiredModels';
import { repoRoot } from '../emulator';

const read = (name: string) => readFileSync(path.join(repoRoot(), 'media', 'walkthrough', name), 'utf8');

describe('walkthrough text', () => {
  it('the model step names the default model and no retired one', () => {
    const text = read('model.md');
    assert.ok(text.includes(`\`${SETTINGS.model.default}\``), 'names the default');
    for (const retired of Object.keys(REPLACEMENTS)) assert.ok(!text.includes(`\`${retired}\``), `${retired} is retired`);
  });

  it('the key step says that keys need API restrictions since June 2026', () => {
    assert.match(read('apiKey.md'), /June 19, 2026[\s\S]*without API restrictions[\s\S]*Generative Language API/);
  });
});
