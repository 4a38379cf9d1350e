// package.json must say exactly what the code's tables say, and pure folders must stay pure.
import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { COMMANDS } from '../../src/commands/table';
import { SETTINGS, SETTINGS_SECTION } from '../../src/config/settings';
import { README_SETTINGS_START, withSettingsTable } from '../../src/config/settingsDoc';

const root = path.resolve(__dirname, '..', '..', '..');
const manifestText = readFileSync(path.join(root, 'package.json'), 'utf8');
const manifest = JSON.parse(manifestText);
const nls: Record<string, string> = JSON.parse(readFileSync(path.join(root, 'package.nls.json'), 'utf8'));
/** A manifest string as VS Code shows it: %key% resolved through package.nls.json. */
const localized = (text: string) => text.replace(/^%(.+)%$/, (_, key: string) => nls[key] ?? `<missing ${key}>`);

function filesUnder(dir: string): string[] {
  let out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out = out.concat(filesUnder(full));
    else if (full.endsWith('.ts')) out.push(full);
  }
  return out;
}

describe('package.json manifest', () => {
  it('contributes exactly the commands of src/commands/table.ts', () => {
    const contributed = manifest.contributes.commands.map((c: { command: string; title: string }) => [c.command, localized(c.title)]);
    const table = Object.entries(COMMANDS).map(([id, spec]) => [id, spec.title]);
    assert.deepEqual(contributed, table);
  });

  it('contributes exactly the settings of src/config/settings.ts, each with a markdown description', () => {
    const properties = manifest.contributes.configuration.properties;
    assert.deepEqual(Object.keys(properties).sort(), Object.keys(SETTINGS).map((k) => `${SETTINGS_SECTION}.${k}`).sort());
    for (const [key, spec] of Object.entries(SETTINGS)) {
      const contributed = properties[`${SETTINGS_SECTION}.${key}`];
      assert.equal(contributed.type, spec.type, key);
      assert.deepEqual(contributed.default, spec.default, key);
      assert.equal(localized(contributed.markdownDescription), spec.description, `${key} description`);
    }
  });

  it('resolves every %placeholder% through package.nls.json, which holds no unused strings', () => {
    const used = new Set([...manifestText.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]));
    assert.ok(used.size > 20, 'manifest strings are localizable');
    assert.deepEqual([...used].filter((key) => !(key in nls)), [], 'placeholders without a string');
    assert.deepEqual(Object.keys(nls).filter((key) => !used.has(key)), [], 'strings nothing uses');
  });

  it('README.md shows the generated settings table, unchanged', () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    assert.ok(readme.includes(README_SETTINGS_START), 'README has the settings markers');
    assert.equal(readme, withSettingsTable(readme), 'README settings table is stale: run npm run sync-manifest');
    for (const key of Object.keys(SETTINGS)) assert.ok(readme.includes(`\`${SETTINGS_SECTION}.${key}\``), key);
  });

  it('uses the gemini. prefix for every command and setting', () => {
    for (const c of manifest.contributes.commands) assert.match(c.command, /^gemini\./);
    for (const key of Object.keys(manifest.contributes.configuration.properties)) assert.match(key, /^gemini\./);
  });

  it('has no setting that could hold the API key', () => {
    for (const key of Object.keys(manifest.contributes.configuration.properties)) assert.doesNotMatch(key, /api.?key|secret|password|credential/i);
  });

  it('declares @types/vscode matching engines.vscode', () => {
    const engine = manifest.engines.vscode.replace(/^\^/, '');
    const types = manifest.devDependencies['@types/vscode'].replace(/^[\^~]/, '');
    assert.equal(types.split('.').slice(0, 2).join('.'), engine.split('.').slice(0, 2).join('.'));
  });
});

describe('layering', () => {
  for (const folder of ['gemini', 'chat', 'tools', 'protocol', 'common', 'config', 'actions', 'lm', 'completions']) {
    it(`src/${folder} never imports vscode`, () => {
      const dir = path.join(root, 'src', folder);
      for (const file of filesUnder(dir)) {
        const text = readFileSync(file, 'utf8');
        assert.doesNotMatch(text, /from ['"]vscode['"]|require\(['"]vscode['"]\)/, path.relative(root, file));
      }
    });
  }

  it('the webview bundle imports nothing from the extension host side', () => {
    for (const file of filesUnder(path.join(root, 'src', 'webview'))) {
      const text = readFileSync(file, 'utf8');
      assert.doesNotMatch(text, /from ['"](vscode|node:[a-z]+|\.\.\/(gemini|tools|vscode|chat)\b)/, path.relative(root, file));
    }
  });
});
