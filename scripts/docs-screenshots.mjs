// Copies the screenshots the docs show from test-output/screenshots/ (written by the UI tests,
// git-ignored) into docs/images/ (committed). Run after `npm run test:ui`:
//   node scripts/docs-screenshots.mjs            copy every screenshot the docs use
//   node scripts/docs-screenshots.mjs --check    exit 1 when one is missing from docs/images/
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';

/** Screenshot name (without .png) → the UI spec that takes it. */
const SCREENSHOTS = {
  'power-citations': 'test/ui/features.test.ts',
  'power-code-execution': 'test/ui/features.test.ts',
  'power-token-meter': 'test/ui/features.test.ts',
  'power-attachments': 'test/ui/features.test.ts',
  'power-context-cache': 'test/ui/features.test.ts',
  // README
  'chat-tool-card-dark': 'test/ui/chatFlows.test.ts',
  'chat-conversation-light': 'test/ui/chatFlows.test.ts',
  'refactor-inline-diff': 'test/ui/actions.test.ts',
  'inline-edit-proposal': 'test/ui/inlineEdit.test.ts',
  'inline-edit-hc-hc-black': 'test/ui/inlineEdit.test.ts',
  'explain-inline-thread': 'test/ui/inlineExplain.test.ts',
  'walkthrough-key-done': 'test/ui/walkthrough.test.ts',
};

const source = new URL('../test-output/screenshots/', import.meta.url);
const target = new URL('../docs/images/', import.meta.url);

if (process.argv.includes('--check')) {
  const missing = Object.keys(SCREENSHOTS).filter((name) => !existsSync(new URL(`${name}.png`, target)));
  if (missing.length) {
    console.error(`docs/images/ lacks ${missing.join(', ')}: run npm run test:ui, then node scripts/docs-screenshots.mjs`);
    process.exit(1);
  }
  process.exit(0);
}

mkdirSync(target, { recursive: true });
const missing = [];
for (const [name, spec] of Object.entries(SCREENSHOTS)) {
  const from = new URL(`${name}.png`, source);
  if (!existsSync(from)) {
    missing.push(`${name}.png (taken by ${spec})`);
    continue;
  }
  copyFileSync(from, new URL(`${name}.png`, target));
  console.log(`docs/images/${name}.png`);
}
if (missing.length) {
  console.error(`Not in test-output/screenshots/: ${missing.join(', ')}. Run npm run test:ui first.`);
  process.exit(1);
}
