// Where completions never run: not editor files, settings files, sensitive files, huge files.
import * as assert from 'node:assert/strict';
import { completionsOnFor, withLanguage } from '../../../src/completions/languages';
import { completionRefusal, MAX_COMPLETION_DOCUMENT_CHARS } from '../../../src/completions/policy';

const file = (path: string, extra: Partial<Parameters<typeof completionRefusal>[0]> = {}) =>
  completionRefusal({ scheme: 'file', path, languageId: 'typescript', length: 100, ...extra });

describe('completions/policy', () => {
  it('allows ordinary source files and untitled documents', () => {
    assert.equal(file('src/a.ts'), undefined);
    assert.equal(completionRefusal({ scheme: 'untitled', path: 'Untitled-1', languageId: 'python', length: 10 }), undefined);
    assert.equal(file('src/a.ts', { scheme: 'vscode-remote' }), undefined);
  });

  it('refuses what is not an editor file: the chat input, output, git objects, user settings', () => {
    for (const scheme of ['vscode-chat-input', 'chatSessionInput', 'output', 'git', 'vscode-userdata', 'comment']) {
      assert.match(file('x', { scheme }) ?? '', /not an editor file/, scheme);
    }
  });

  it('refuses settings files that may hold secrets', () => {
    for (const path of ['.vscode/settings.json', '.vscode/mcp.json', 'team.code-workspace', 'config/settings.json', '.cursor/mcp.json', 'mcp.json']) {
      assert.match(file(path) ?? '', /settings file/, path);
    }
  });

  it('refuses the sensitive files the tools ask before reading', () => {
    for (const path of ['.env', 'deploy/.env.production', 'keys/server.pem', '.npmrc', 'credentials.json', 'infra/prod.tfvars']) {
      assert.match(file(path) ?? '', /sensitive/, path);
    }
    assert.equal(file('.env.example'), undefined);
  });

  it('refuses very large files', () => {
    assert.match(file('big.ts', { length: MAX_COMPLETION_DOCUMENT_CHARS + 1 }) ?? '', /too large/);
  });

  it('switches per language, with "*" as the default', () => {
    assert.equal(completionsOnFor({}, 'python'), true);
    assert.equal(completionsOnFor({ markdown: false }, 'markdown'), false);
    assert.equal(completionsOnFor({ '*': false, python: true }, 'python'), true);
    assert.equal(completionsOnFor({ '*': false }, 'go'), false);
    assert.equal(completionsOnFor({ go: 'no' }, 'go'), true, 'a non-boolean is ignored');
    assert.deepEqual(withLanguage({ '*': true }, 'go', false), { '*': true, go: false });
  });
});
