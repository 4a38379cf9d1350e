// The activation bundle (dist/extension.js) stays a shell: it registers, and the code behind the
// registrations (engine, chat, tools, the SDK) comes from dist/core.js on first use. Read from the
// build's source maps, which list exactly the sources that put code into each bundle.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

const dist = path.resolve(__dirname, '..', '..', '..', 'dist');

function sourcesOf(bundle: string): string[] {
  const map = path.join(dist, `${bundle}.map`);
  assert.ok(existsSync(map), `${map} is missing: run npm run build (the development build writes source maps)`);
  return (JSON.parse(readFileSync(map, 'utf8')) as { sources: string[] }).sources.map((source) => source.replace(/^(\.\.\/)+/, ''));
}

/** All the shell may carry: its glue, the tables, settings, where the key is, small constants. */
const SHELL_SOURCES = [
  'src/extension.ts', 'src/commands/table.ts', 'src/config/settings.ts', 'src/config/settingValues.ts', 'src/gemini/keySource.ts',
  'src/common/logger.ts', 'src/common/format.ts', 'src/actions/kinds.ts', 'src/actions/usageText.ts', 'src/lm/models.ts', 'src/lm/participant.ts',
  'src/vscode/lazyCore.ts', 'src/vscode/chat/views.ts', 'src/vscode/config.ts', 'src/vscode/log.ts', 'src/vscode/model/statusBar.ts',
  'src/vscode/editor/codeActions.ts', 'src/vscode/key/gettingStarted.ts', 'src/vscode/native/lmNativeChat.ts', 'src/vscode/native/lmApi.ts',
  'src/vscode/completions/shell.ts', 'src/completions/languages.ts',
  // The semantic index's context key, set at activation where this workspace was indexed.
  'src/semantic/contextKeys.ts',
  // Localisation: the display language for the pure folders, set before anything else loads.
  'src/common/l10n.ts', 'src/vscode/l10nSetup.ts',
];

describe('the activation shell (dist/extension.js)', () => {
  it('holds no engine, chat, tools or package code: only registrations and small tables', () => {
    const sources = sourcesOf('extension.js').filter((source) => source !== 'stand-in:vscode');
    const unexpected = sources.filter((source) => !SHELL_SOURCES.includes(source));
    assert.deepEqual(unexpected, [], 'these reached the activation bundle: import them from src/core.ts instead');
  });

  it('loads the core with a plain require of its sibling bundle, which carries the engine and the chat', () => {
    assert.match(readFileSync(path.join(dist, 'extension.js'), 'utf8'), /require\("\.\/core\.js"\)/);
    const core = sourcesOf('core.js');
    for (const needed of ['src/core.ts', 'src/gemini/turnEngine.ts', 'src/chat/controller.ts', 'src/tools/registry.ts']) assert.ok(core.includes(needed), `${needed} is not in dist/core.js`);
  });
});
