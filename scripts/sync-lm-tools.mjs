// Writes package.json's contributes.languageModelTools from the one tools table
// (src/tools/table.ts, through src/lm/tools.ts). `--check` exits 1 instead when they differ.
// Only that key is touched, so it can run beside scripts/sync-manifest.mjs.
import * as esbuild from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';

import { createRequire } from 'node:module';

const out = await esbuild.build({ entryPoints: ['src/lm/tools.ts'], bundle: true, write: false, format: 'cjs', platform: 'node', packages: 'external' });
const module = { exports: {} };
new Function('module', 'exports', 'require', out.outputFiles[0].text)(module, module.exports, createRequire(import.meta.url));
const wanted = module.exports.lmToolContributions();

const path = new URL('../package.json', import.meta.url);
const manifest = JSON.parse(readFileSync(path, 'utf8'));
const same = JSON.stringify(manifest.contributes.languageModelTools) === JSON.stringify(wanted);
if (process.argv.includes('--check')) {
  if (!same) {
    console.error('package.json contributes.languageModelTools differ from src/tools/table.ts: run node scripts/sync-lm-tools.mjs');
    process.exit(1);
  }
} else if (!same) {
  manifest.contributes.languageModelTools = wanted;
  writeFileSync(path, JSON.stringify(manifest, null, 2) + '\n');
}
