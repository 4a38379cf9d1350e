// Writes package.json's contributes.languageModelTools from the one tools table
// (src/tools/table.ts, through src/lm/tools.ts), and their people-facing strings (display name,
// user description) as lmTool.* keys of package.nls.json. `--check` exits 1 instead when either
// differs. Only those parts are touched, so it can run beside scripts/sync-manifest.mjs: the
// lmTool.* keys sit before the command and setting keys that script generates, as it keeps them.
import * as esbuild from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';

import { createRequire } from 'node:module';

const out = await esbuild.build({ entryPoints: ['src/lm/tools.ts'], bundle: true, write: false, format: 'cjs', platform: 'node', packages: 'external' });
const module = { exports: {} };
new Function('module', 'exports', 'require', out.outputFiles[0].text)(module, module.exports, createRequire(import.meta.url));
const wanted = module.exports.lmToolContributions();
const strings = module.exports.lmToolStrings();

const path = new URL('../package.json', import.meta.url);
const manifest = JSON.parse(readFileSync(path, 'utf8'));
const same = JSON.stringify(manifest.contributes.languageModelTools) === JSON.stringify(wanted);

const nlsPath = new URL('../package.nls.json', import.meta.url);
const nls = JSON.parse(readFileSync(nlsPath, 'utf8'));
const generated = (key) => /^(command|setting)\./.test(key);
const others = Object.entries(nls).filter(([key]) => !key.startsWith('lmTool.') && !generated(key));
const wantedNls = Object.fromEntries([...others, ...Object.entries(strings), ...Object.entries(nls).filter(([key]) => generated(key))]);
const sameNls = JSON.stringify(nls) === JSON.stringify(wantedNls);

if (process.argv.includes('--check')) {
  if (!same || !sameNls) {
    console.error('package.json contributes.languageModelTools or their package.nls.json strings differ from src/tools/table.ts: run node scripts/sync-lm-tools.mjs');
    process.exit(1);
  }
} else {
  if (!same) {
    manifest.contributes.languageModelTools = wanted;
    writeFileSync(path, JSON.stringify(manifest, null, 2) + '\n');
  }
  if (!sameNls) writeFileSync(nlsPath, JSON.stringify(wantedNls, null, 2) + '\n');
}
