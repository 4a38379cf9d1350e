// The layer rules over the real imports of src/ (see CONTRIBUTING.md, "Layout and layers"): only
// the glue imports `vscode`, the webview only the protocol (and common/, which imports nothing),
// the Gemini wrapper only common/ and config/, and no file imports itself back through others. Then the checker itself, on planted
// violations, so a rule that silently stopped matching would fail here too.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { importCycles, layerViolations, readImports, readSourceTree, type SourceTree } from './importRules';

const root = path.resolve(__dirname, '..', '..', '..');

describe('layers: the imports of src/', () => {
  const edges = readImports(readSourceTree(root, 'src'));

  it('reads the imports of the whole tree (glue, webview, engine)', () => {
    assert.ok(edges.some((edge) => edge.file === 'src/extension.ts' && edge.specifier === 'vscode'));
    assert.ok(edges.some((edge) => edge.file.startsWith('src/webview/') && edge.target?.startsWith('src/protocol/')));
    assert.ok(edges.some((edge) => edge.file.startsWith('src/gemini/') && edge.specifier === '@google/genai'));
  });

  it('keeps every layer rule', () => {
    assert.deepEqual(layerViolations(edges), [], 'these imports break the layer rules');
  });

  it('has no import cycle, type-only imports included', () => {
    const cycles = importCycles(edges).map((cycle) => cycle.join(' -> '));
    assert.deepEqual(cycles, [], 'break each cycle: move what both sides need into a module of its own');
  });
});

describe('layers: the checker on a planted tree', () => {
  const tree = (files: Record<string, string>): SourceTree => new Map(Object.entries(files));
  const check = (files: Record<string, string>) => {
    const edges = readImports(tree(files));
    return { violations: layerViolations(edges), cycles: importCycles(edges).map((cycle) => cycle.join(' -> ')) };
  };

  it('passes a tree that keeps the rules', () => {
    const result = check({
      'src/extension.ts': "import * as vscode from 'vscode';\nimport { a } from './vscode/glue';",
      'src/vscode/glue.ts': "import * as vscode from 'vscode';\nimport { run } from '../gemini/engine';\nexport const a = 1;",
      'src/gemini/engine.ts': "import type { Logger } from '../common/logger';\nimport { SETTINGS } from '../config/settings';\nimport { GoogleGenAI } from '@google/genai';\nexport const run = 1;",
      'src/common/logger.ts': 'export interface Logger {}',
      'src/config/settings.ts': 'export const SETTINGS = {};',
      'src/webview/app.ts': "import type { View } from '../protocol/view';\nimport { formatTokens } from '../common/format';\nimport DOMPurify from 'dompurify';\nimport hljs from 'highlight.js/lib/core';",
      'src/common/format.ts': 'export const formatTokens = 1;',
      'src/protocol/view.ts': 'export interface View {}',
    });
    assert.deepEqual(result, { violations: [], cycles: [] });
  });

  it('names the file, line and import of a `vscode` import outside the glue, in any form', () => {
    const { violations } = check({
      'src/chat/a.ts': "// header\nimport * as vscode from 'vscode';",
      'src/tools/b.ts': "import type { Uri } from 'vscode';",
      'src/lm/c.ts': "export type T = import('vscode').Uri;",
      'src/actions/d.ts': "const vscode = require('vscode');",
      'src/vscode/ok.ts': "import * as vscode from 'vscode';",
      'src/core.ts': "import * as vscode from 'vscode';",
    });
    assert.equal(violations.length, 4);
    assert.match(violations[0], /^src\/chat\/a\.ts:2 imports 'vscode': only src\/vscode\/\*\*, src\/extension\.ts and src\/core\.ts import vscode/);
    assert.deepEqual(violations.map((line) => line.split(' ')[0]), ['src/chat/a.ts:2', 'src/tools/b.ts:1', 'src/lm/c.ts:1', 'src/actions/d.ts:1']);
  });

  it('lets the webview import only the protocol, common/ and browser packages', () => {
    const { violations } = check({
      'src/webview/app.ts': [
        "import { view } from '../protocol/view';",
        "import type { TurnEvent } from '../gemini/events';",
        "import { readFileSync } from 'node:fs';",
        "import { GoogleGenAI } from '@google/genai';",
        "export * from '../chat/session';",
      ].join('\n'),
      'src/protocol/view.ts': 'export const view = 1;',
      'src/gemini/events.ts': 'export interface TurnEvent {}',
      'src/chat/session.ts': 'export const s = 1;',
    });
    assert.deepEqual(violations.map((line) => line.split(': ')[0]), [
      "src/webview/app.ts:2 imports '../gemini/events' (src/gemini/events.ts)",
      "src/webview/app.ts:3 imports 'node:fs'",
      "src/webview/app.ts:4 imports '@google/genai'",
      "src/webview/app.ts:5 imports '../chat/session' (src/chat/session.ts)",
    ]);
  });

  it('lets src/gemini import only common/, config/ and packages', () => {
    const { violations } = check({
      'src/gemini/engine.ts': "import { x } from '../tools/registry';\nimport type { Logger } from '../common/logger';\nimport { y } from './retry';",
      'src/gemini/retry.ts': "import type { ChatSession } from '../chat/session';\nexport const y = 1;",
      'src/tools/registry.ts': 'export const x = 1;',
      'src/common/logger.ts': 'export interface Logger {}',
      'src/chat/session.ts': 'export interface ChatSession {}',
    });
    assert.deepEqual(violations.map((line) => line.split(': ')[0]), [
      "src/gemini/engine.ts:1 imports '../tools/registry' (src/tools/registry.ts)",
      "src/gemini/retry.ts:1 imports '../chat/session' (src/chat/session.ts)",
    ]);
  });

  it('keeps src/common a leaf: no import of another folder or a package', () => {
    const { violations } = check({
      'src/common/format.ts': "import { x } from './units';\nimport type { ChatSession } from '../chat/session';\nimport { marked } from 'marked';",
      'src/common/units.ts': 'export const x = 1;',
      'src/chat/session.ts': 'export interface ChatSession {}',
    });
    assert.deepEqual(violations.map((line) => line.split(': ')[0]), [
      "src/common/format.ts:2 imports '../chat/session' (src/chat/session.ts)",
      "src/common/format.ts:3 imports 'marked'",
    ]);
  });

  it("catches the cycle gemini/client -> vertex -> models -> client that type-only imports made", () => {
    // The imports as they were before models.ts stopped importing client.ts for a type.
    const { cycles } = check({
      'src/gemini/client.ts': "import { createVertexGenAI } from './vertex';\nexport type GenAIProvider = () => Promise<unknown>;",
      'src/gemini/vertex.ts': "import type { ModelInfo } from './models';\nexport const createVertexGenAI = 1;",
      'src/gemini/models.ts': "import type { GenAIProvider } from './client';\nexport interface ModelInfo {}",
    });
    assert.deepEqual(cycles, ['src/gemini/client.ts -> src/gemini/vertex.ts -> src/gemini/models.ts -> src/gemini/client.ts']);
  });

  it('follows re-exports, require() of a sibling bundle and import() types into cycles', () => {
    const { cycles } = check({
      'src/extension.ts': "const core = require('./core.js') as typeof import('./core');",
      'src/core.ts': "export * from './a';",
      'src/a.ts': "export type { Api } from './extension';",
      'src/self.ts': "import { me } from './self';\nexport const me = 1;",
    });
    assert.deepEqual(cycles, ['src/a.ts -> src/extension.ts -> src/core.ts -> src/a.ts', 'src/self.ts -> src/self.ts']);
  });

  it('reports a relative import of a file that is not there', () => {
    const { violations } = check({ 'src/chat/a.ts': "import { b } from './missing';" });
    assert.deepEqual(violations, ["src/chat/a.ts:1 imports './missing': no such file under src/"]);
  });
});
