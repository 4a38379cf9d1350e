// Collects every runtime string into l10n/bundle.l10n.json with VS Code's own exporter
// (@vscode/l10n-dev): `vscode.l10n.t('…')` in the glue, and `l10n.t('…')` from src/common/l10n in
// the pure folders and the webview. The exporter only recognises `l10n` imported from 'vscode' or
// '@vscode/l10n', so the import of our common/l10n is shown to it as '@vscode/l10n' (same call shape).
// Keys are sorted so branches merge line by line. `--check` exits 1 when the bundle is stale.
// Translations live beside it (bundle.l10n.es.json); test/unit/l10n.test.ts checks them.
import { readdirSync, readFileSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { getL10nJson } from '@vscode/l10n-dev';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'l10n', 'bundle.l10n.json');

function sources(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const child = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(child);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [child] : [];
  });
}

const files = sources(path.join(root, 'src')).sort().map((file) => ({
  extension: '.ts',
  contents: readFileSync(file, 'utf8').replace(/(from\s+)(['"])(?:\.\.?\/)+(?:common\/)?l10n\2/g, "$1'@vscode/l10n'"),
}));
const found = await getL10nJson(files);
const sorted = Object.fromEntries(Object.keys(found).sort().map((key) => [key, found[key]]));
const text = JSON.stringify(sorted, null, 2) + '\n';

if (process.argv.includes('--check')) {
  const current = existsSync(out) ? readFileSync(out, 'utf8') : '';
  if (current !== text) {
    console.error('l10n/bundle.l10n.json differs from the strings in src/: run npm run l10n-export, then translate the new keys in l10n/bundle.l10n.es.json');
    process.exit(1);
  }
  console.log(`l10n/bundle.l10n.json is current (${Object.keys(sorted).length} strings)`);
} else {
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, text);
  console.log(`l10n/bundle.l10n.json: ${Object.keys(sorted).length} strings`);
}
