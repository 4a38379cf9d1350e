// Writes package.json's contributes.commands and contributes.configuration from the tables in
// src/commands/table.ts and src/config/settings.ts. `--check` exits 1 instead when they differ.
import * as esbuild from 'esbuild';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

async function load(entry) {
  const out = await esbuild.build({ entryPoints: [entry], bundle: true, write: false, format: 'cjs', platform: 'node' });
  const module = { exports: {} };
  new Function('module', 'exports', out.outputFiles[0].text)(module, module.exports);
  return module.exports;
}

const { COMMANDS } = await load('src/commands/table.ts');
const { SETTINGS, SETTINGS_SECTION } = await load('src/config/settings.ts');
const { withSettingsTable } = await load('src/config/settingsDoc.ts');

// package.json carries %placeholders%; package.nls.json holds the English text (translations go in
// package.nls.<locale>.json beside it).
export function contributions() {
  const nls = {};
  const commands = Object.entries(COMMANDS).map(([command, spec]) => {
    nls[`command.${command}`] = spec.title;
    return { command, title: `%command.${command}%`, category: spec.category, ...(spec.icon ? { icon: spec.icon } : {}) };
  });
  const properties = {};
  for (const [key, spec] of Object.entries(SETTINGS)) {
    const { description, ...rest } = spec;
    nls[`setting.${SETTINGS_SECTION}.${key}`] = description;
    properties[`${SETTINGS_SECTION}.${key}`] = { ...rest, markdownDescription: `%setting.${SETTINGS_SECTION}.${key}%` };
  }
  return { commands, configuration: { title: 'Gemini', properties }, nls };
}

const path = new URL('../package.json', import.meta.url);
const manifest = JSON.parse(readFileSync(path, 'utf8'));
const wanted = contributions();
const hidden = Object.entries(COMMANDS).filter(([, s]) => s.hidden).map(([command]) => ({ command, when: 'false' }));
const nlsPath = new URL('../package.nls.json', import.meta.url);
const nls = existsSync(nlsPath) ? JSON.parse(readFileSync(nlsPath, 'utf8')) : {};
// Generated keys are replaced wholesale; hand-written ones (walkthrough, views) are kept.
const handWritten = Object.fromEntries(Object.entries(nls).filter(([key]) => !/^(command|setting)\./.test(key)));
const wantedNls = { ...handWritten, ...wanted.nls };
const same = JSON.stringify(manifest.contributes.commands) === JSON.stringify(wanted.commands)
  && JSON.stringify(manifest.contributes.configuration) === JSON.stringify(wanted.configuration)
  && JSON.stringify(nls) === JSON.stringify(wantedNls);
const readmePath = new URL('../README.md', import.meta.url);
const readme = existsSync(readmePath) ? readFileSync(readmePath, 'utf8') : '';
const wantedReadme = withSettingsTable(readme);
if (process.argv.includes('--check')) {
  if (wantedReadme !== readme) { console.error('README.md settings table differs from src/config/settings.ts: run npm run sync-manifest'); process.exit(1); }
  if (!same) { console.error('package.json contributes or package.nls.json differ from src/commands/table.ts or src/config/settings.ts: run npm run sync-manifest'); process.exit(1); }
} else {
  manifest.contributes.commands = wanted.commands;
  manifest.contributes.configuration = wanted.configuration;
  manifest.contributes.menus = manifest.contributes.menus ?? {};
  const palette = (manifest.contributes.menus.commandPalette ?? []).filter((m) => !(m.when === 'false' && COMMANDS[m.command]));
  manifest.contributes.menus.commandPalette = [...palette, ...hidden];
  writeFileSync(path, JSON.stringify(manifest, null, 2) + '\n');
  writeFileSync(nlsPath, JSON.stringify(wantedNls, null, 2) + '\n');
  if (wantedReadme !== readme) writeFileSync(readmePath, wantedReadme);
}
// contributes.languageModelTools come from the tools table (its own script: it bundles the tools).
const lmTools = spawnSync(process.execPath, [fileURLToPath(new URL('./sync-lm-tools.mjs', import.meta.url)), ...process.argv.slice(2)], { stdio: 'inherit' });
if (lmTools.status !== 0) process.exit(lmTools.status ?? 1);
