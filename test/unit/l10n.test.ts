// Localisation: every runtime string is in l10n/bundle.l10n.json and translated into Spanish with
// the same placeholders, the manifest strings too, and no user-facing literal in the glue or the
// webview bypasses l10n, nor any in the pure folders' user-facing sinks (user-facing error
// constructors, the message/title/detail/label fields the UI draws; the scanner, l10nScan.ts, is
// also checked on planted code of both kinds). Then the pure
// l10n.t and the number formats in Spanish, and the chat webview drawn in Spanish from the bundle
// the host writes into its HTML shell.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { configureL10n, l10n } from '../../src/common/l10n';
import { formatBytes, formatNumber, formatTokens } from '../../src/common/format';
import type { HostMessage } from '../../src/protocol/messages';
import { readSourceTree, type SourceTree } from './importRules';
import { findBypasses, l10nMessages, PURE_PROFILE } from './l10nScan';
import { loadInDom } from './webview/bundle';

const root = path.resolve(__dirname, '..', '..', '..');
const readJson = (file: string): Record<string, string> => JSON.parse(readFileSync(path.join(root, file), 'utf8'));
const placeholders = (text: string): string[] => [...new Set(text.match(/\{\d+\}/g) ?? [])].sort();
/** Command links and code spans a translation must keep exactly: `(command:…)` and `…`. */
const fixedParts = (text: string): string[] => [...(text.match(/\(command:[^)]*\)|`[^`]*`/g) ?? [])].sort();

const HOW_TO_FIX = [
  'Wrap each string so it can be translated:',
  "  in src/vscode/**: vscode.l10n.t('Could not read {0}.', path)   (placeholders {0}, {1}; never a template literal)",
  "  in src/webview/** and pure folders: import { l10n } from '../common/l10n'; l10n.t('…', …)",
  'then run `npm run l10n-export` and add the Spanish text of each new key to l10n/bundle.l10n.es.json.',
  'Text only the model reads (tool results, system prompt) stays English: do not wrap it.',
  'A brand or id that must never be translated: end its line with // l10n-ignore',
].join('\n');

describe('l10n: bundles', () => {
  const bundle = readJson('l10n/bundle.l10n.json');
  const spanish = readJson('l10n/bundle.l10n.es.json');

  it('l10n/bundle.l10n.json holds exactly the messages of the l10n.t calls in src/ (npm run l10n-export)', () => {
    const used = l10nMessages(readSourceTree(root, 'src'));
    const notLiteral = used.filter((call) => call.message.startsWith('<not a plain literal'));
    assert.deepEqual(notLiteral.map((call) => `${call.file}:${call.line} ${call.message}`), [], 'the exporter only reads a plain string as the message: pass values as {0} arguments');
    const messages = new Set(used.map((call) => call.message));
    assert.deepEqual(used.filter((call) => !(call.message in bundle)).map((call) => `${call.file}:${call.line} ${JSON.stringify(call.message)}`), [], 'missing from the bundle: run npm run l10n-export');
    assert.deepEqual(Object.keys(bundle).filter((key) => !messages.has(key)), [], 'no longer used: run npm run l10n-export');
  });

  it('Spanish translates every key of the bundle with the same placeholders', () => {
    assert.deepEqual(Object.keys(bundle).filter((key) => !spanish[key]?.trim()), [], 'untranslated in l10n/bundle.l10n.es.json');
    assert.deepEqual(Object.keys(spanish).filter((key) => !(key in bundle)), [], 'stale keys in l10n/bundle.l10n.es.json');
    const mismatched = Object.keys(bundle).filter((key) => key in spanish && placeholders(key).join() !== placeholders(spanish[key]).join());
    assert.deepEqual(mismatched, [], 'placeholders differ between English and Spanish');
  });

  it('package.nls.es.json translates every manifest string, keeping placeholders, command links and code spans', () => {
    const english = readJson('package.nls.json');
    const es = readJson('package.nls.es.json');
    assert.deepEqual(Object.keys(english).filter((key) => !es[key]?.trim()), [], 'untranslated in package.nls.es.json');
    assert.deepEqual(Object.keys(es).filter((key) => !(key in english)), [], 'stale keys in package.nls.es.json');
    const isPath = (text: string) => /^media\/[\w/.-]+\.md$/.test(text);
    const differ = Object.keys(english).filter((key) => key in es && !isPath(english[key])
      && (placeholders(english[key]).join() !== placeholders(es[key]).join() || fixedParts(english[key]).join('\n') !== fixedParts(es[key]).join('\n')));
    assert.deepEqual(differ, [], 'a command link, code span or placeholder changed in translation');
  });

  it('every walkthrough page has a Spanish twin (<page>.nls.es.md, which VS Code picks for es) with the same links and code', () => {
    const folder = path.join(root, 'media', 'walkthrough');
    const pages = readdirSync(folder).filter((name) => /^[\w-]+\.md$/.test(name));
    assert.ok(pages.length >= 6, 'the walkthrough pages');
    const links = (text: string): string[] => [...(text.match(/\]\([^)]*\)|`[^`]*`/g) ?? [])].sort();
    for (const page of pages) {
      const english = readFileSync(path.join(folder, page), 'utf8');
      const twin = path.join(folder, page.replace(/\.md$/, '.nls.es.md'));
      let spanish = '';
      assert.doesNotThrow(() => { spanish = readFileSync(twin, 'utf8'); }, `${page} has no Spanish twin ${path.basename(twin)}`);
      assert.deepEqual(links(spanish), links(english), `${page}: links and code spans must stay the same in Spanish`);
    }
  });
});

/**
 * Pure files the pure-folder scan skips: the manifest tables (their titles go to package.nls.json
 * through npm run sync-manifest) and the whole-workspace packer, whose per-file notes are only in
 * the manifest the model reads (the person sees counts per reason, src/context/manifest.ts).
 */
const MANIFEST_OR_MODEL_ONLY = ['src/commands/table.ts', 'src/tools/table.ts', 'src/config/settings.ts', 'src/context/packWalk.ts', 'src/context/packer.ts'];

describe('l10n: no user-facing string bypasses it', () => {
  it('src/vscode/** and src/webview/** wrap every notification, picker, status bar and webview text', () => {
    const tree = new Map([...readSourceTree(root, 'src/vscode'), ...readSourceTree(root, 'src/webview')]);
    const bypasses = findBypasses(tree).map((found) => `${found.file}:${found.line} ${found.text.split('\n')[0]}`);
    assert.deepEqual(bypasses, [], `user-facing strings outside l10n:\n${bypasses.join('\n')}\n\n${HOW_TO_FIX}\n`);
  });

  it('the pure folders wrap the texts a person reads: user-facing errors, failure and approval messages, picker labels', () => {
    const pure = readdirSync(path.join(root, 'src'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && !['vscode', 'webview'].includes(entry.name)).map((entry) => `src/${entry.name}`);
    const tree: SourceTree = new Map(pure.flatMap((dir) => [...readSourceTree(root, dir)]).filter(([file]) => !MANIFEST_OR_MODEL_ONLY.includes(file)));
    assert.ok(tree.has('src/chat/export.ts') && tree.has('src/gemini/errors.ts'), 'the pure folders are scanned');
    const bypasses = findBypasses(tree, PURE_PROFILE).map((found) => `${found.file}:${found.line} ${found.text.split('\n')[0]}`);
    assert.deepEqual(bypasses, [], `user-facing strings outside l10n:\n${bypasses.join('\n')}\n\n${HOW_TO_FIX}\n`);
  });

  it('the pure-folder scanner finds user-facing sinks and leaves model-facing text alone (planted code)', () => {
    const tree: SourceTree = new Map([['src/gemini/planted.ts', [
      "import { l10n } from '../common/l10n';",
      "throw new ChatRejection('Agent mode is not available here.');",
      "return { code: 'x', retryable: false, message: `The model ${model} is retired.` };",
      "const option = { value: 'level:low', label: 'Thinking: low' };",
      "throw new VertexCredentialsError(l10n.t('Run {0} again.', command));",
      "throw new ToolError(`'${display}' is being renamed in this turn.`);",
      "const SYSTEM_PROMPT = 'You are a code completion engine inside an editor.';",
      "const question = 'Reply with the text to insert.';",
      "parts.push({ text: `Attached file ${label}:` });",
      "const tool = { name: 'read_file', description: 'Reads a file of the workspace.' };",
      "request.detail = 'Their contents will be sent to Gemini.';",
      "conflict(file, 'it changed on disk after the proposal', l10n.t('it changed on disk after the proposal'));",
      "return { describe: `read ${file.display}`, run: async () => ({ output: `Read ${file.display}.`, summary: `${lines} lines read` }) };",
      "const STEP_LABELS = { restore: 'put back as before the turn' };",
      "const REVIEW_NOTE = 'The user reviews the proposal in the Changes card.';",
    ].join('\n')]]);
    const found = findBypasses(tree, PURE_PROFILE).map((item) => `${item.line} ${item.text}`);
    assert.deepEqual(found, [
      "2 'Agent mode is not available here.'",
      '3 `The model ${model} is retired.`',
      "4 'Thinking: low'",
      "11 'Their contents will be sent to Gemini.'",
      '13 `read ${file.display}`',
      '13 `${lines} lines read`',
      "14 'put back as before the turn'",
    ]);
  });

  it('the scanner finds literals in every user-facing place and accepts wrapped ones (planted code)', () => {
    const tree: SourceTree = new Map([
      ['src/vscode/planted.ts', [
        "import * as vscode from 'vscode';",
        "const SAVE = 'Save Anyway';",
        "void vscode.window.showInformationMessage('The key was saved.', SAVE);",
        "void vscode.window.showWarningMessage(`Could not read ${path}.`);",
        "void vscode.window.showInputBox({ title: 'Gemini API Key', placeHolder: 'Paste it here', prompt: ok ? 'Yes sir' : 'No way' });",
        "item.text = '$(sparkle) Completions';",
        "item.tooltip = vscode.l10n.t('Gemini model {0}.', model);",
        "void vscode.window.showInformationMessage(vscode.l10n.t('Fine: {0}', x));",
        "const id = 'gemini.selectModel'; item.command = { command: 'gemini.selectModel', title: vscode.l10n.t('Select Model') };",
        "const action = new vscode.CodeAction('Fix with Gemini', kind);",
        "input.placeholder = 'AIza…'; // l10n-ignore",
        "void vscode.window.showInputBox({ validateInput: (text) => (text ? undefined : 'Letters only.') });",
        "void vscode.window.showSaveDialog({ saveLabel: 'Export chat' });",
        "stream.progress(`${failure.message} Retrying in ${seconds} s…`);",
        "const doc = new vscode.MarkdownString('**Explain** this');",
      ].join('\n')],
      ['src/webview/planted.ts', [
        "import { l10n } from '../common/l10n';",
        "const a = h('button', { class: 'x', title: 'Copy code', 'aria-label': l10n.t('Copy code') }, 'Copy');",
        "iconButton('send', 'Send message', { 'data-x': 'send' });",
        "element.textContent = `Show earlier messages (${n})`;",
        "element.setAttribute('aria-label', 'Token meter');",
        "element.setAttribute('data-state', 'Running now');",
        "h('span', {}, l10n.t('Running'), ' ', icon('loading'));",
        "this.showNotice(`Uploading ${name} to the Gemini Files API…`, 'info');",
        "button('acceptAll', 'Accept all', {}, 'check-all', true);",
      ].join('\n')],
    ]);
    const found = findBypasses(tree).map((item) => `${item.file.split('/')[1]}:${item.line} ${item.text}`);
    assert.deepEqual(found, [
      "vscode:2 'Save Anyway'",
      "vscode:3 'The key was saved.'",
      'vscode:4 `Could not read ${path}.`',
      "vscode:5 'Gemini API Key'",
      "vscode:5 'Paste it here'",
      "vscode:5 'Yes sir'",
      "vscode:5 'No way'",
      "vscode:6 '$(sparkle) Completions'",
      "vscode:10 'Fix with Gemini'",
      "vscode:12 'Letters only.'",
      "vscode:13 'Export chat'",
      'vscode:14 `${failure.message} Retrying in ${seconds} s…`',
      "vscode:15 '**Explain** this'",
      "webview:2 'Copy code'",
      "webview:2 'Copy'",
      "webview:3 'Send message'",
      'webview:4 `Show earlier messages (${n})`',
      "webview:5 'Token meter'",
      'webview:8 `Uploading ${name} to the Gemini Files API…`',
      "webview:9 'Accept all'",
    ]);
  });
});

describe('l10n: pure t() and formats in the display language', () => {
  const spanish = readJson('l10n/bundle.l10n.es.json');
  afterEach(() => configureL10n(undefined, 'en'));

  it('answers English until configured, then the bundle, with {n} arguments', () => {
    assert.equal(l10n.t('Switch to {0}', 'gemini-3.8-flash'), 'Switch to gemini-3.8-flash');
    configureL10n(spanish, 'es');
    assert.equal(l10n.t('Switch to {0}', 'gemini-3.8-flash'), 'Cambiar a gemini-3.8-flash');
    assert.equal(l10n.t('A string no bundle has: {0}', 1), 'A string no bundle has: 1');
  });

  it('numbers, token counts and sizes use the display language', () => {
    assert.equal(formatTokens(12345), '12.3K');
    assert.equal(formatNumber(1234567), '1,234,567');
    configureL10n(spanish, 'es');
    assert.equal(formatTokens(12345), '12,3K');
    assert.equal(formatTokens(65536), '64K');
    assert.equal(formatBytes(1536), '1,5 KB');
    assert.equal(formatNumber(1234567), '1.234.567');
  });
});

describe('l10n: the chat webview in Spanish', () => {
  interface AppModule {
    ChatApp: new (root: HTMLElement, host: unknown) => { handle(message: HostMessage): void };
    HostConnection: new (api: unknown) => unknown;
  }

  function start(language: string, bundle: Record<string, string>) {
    const data = JSON.stringify({ language, bundle }).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
    const html = `<!DOCTYPE html><html data-gemini-l10n="${data}"><body><main id="app"></main></body></html>`;
    const { module, window } = loadInDom<AppModule>("import './l10nInit'; export { ChatApp } from './app'; export { HostConnection } from './api';", { html });
    const api = { postMessage: () => undefined, getState: () => undefined, setState: () => undefined };
    const root = window.document.getElementById('app')!;
    const app = new module.ChatApp(root, new module.HostConnection(api));
    return { app, $: (selector: string) => root.querySelector(selector) as HTMLElement | null };
  }

  it('draws the composer, the empty state and an error banner from the bundle the host hands over', () => {
    const { app, $ } = start('es', readJson('l10n/bundle.l10n.es.json'));
    assert.equal($('.composer-input')?.getAttribute('placeholder'), 'Pregunta a Gemini sobre tu código…');
    app.handle({ type: 'snapshot', snapshot: { chat: { id: 'c1', title: 'Nuevo', createdAt: 1, updatedAt: 1, turns: [
      { role: 'user', id: 'u1', text: 'q', attachments: [], createdAt: 1 },
      { role: 'model', id: 'm1', status: 'error', segments: [], createdAt: 1, error: { code: 'invalidKey', message: 'La clave se rechazó.', action: 'setKey', status: 400, retryable: false } },
    ] }, busy: false, hasApiKey: true, model: 'gemini-3.8-flash', models: ['gemini-3.8-flash'], attachments: [], history: [] } });
    assert.equal($('.error-banner button')?.textContent, 'Establecer clave de API');
    assert.equal($('.transcript')?.getAttribute('aria-label'), 'Conversación');
  });

  it('stays English without the data attribute', () => {
    const { $ } = start('en', {});
    assert.equal($('.composer-input')?.getAttribute('placeholder'), 'Ask Gemini about your code…');
  });
});
