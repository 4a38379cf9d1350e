import * as assert from 'node:assert/strict';
import { buildCodeTarget, splitLines, wholeLines } from '../../../src/actions/target';
import { editPrompt, explainPrompt, fence, testsPrompt } from '../../../src/actions/prompts';
import { CODE_PROPOSAL_SCHEMA } from '../../../src/actions/proposal';

const SOURCE = [
  "import { readFileSync } from 'node:fs';",
  '',
  'export function loadConfig(path: string): Config {',
  "  const text = readFileSync(path, 'utf8');",
  '  const count: number = text;',
  '  return JSON.parse(text);',
  '}',
  '',
  'export const VERSION = 3;',
];

describe('editor action targets', () => {
  it('widens a selection to whole lines, not counting a line the selection only touches at column 0', () => {
    assert.deepEqual(wholeLines({ start: { line: 3, character: 8 }, end: { line: 5, character: 0 } }), { startLine: 3, endLine: 4 });
    assert.deepEqual(wholeLines({ start: { line: 3, character: 8 }, end: { line: 3, character: 8 } }), { startLine: 3, endLine: 3 });
    assert.deepEqual(wholeLines({ start: { line: 6, character: 1 }, end: { line: 2, character: 4 } }), { startLine: 2, endLine: 6 });
  });

  it('keeps the target verbatim and the context around it bounded', () => {
    const target = buildCodeTarget({ lines: SOURCE, span: { startLine: 4, endLine: 4 }, languageId: 'typescript', path: 'src/config.ts', contextLines: 2 });
    assert.equal(target.code, '  const count: number = text;');
    assert.equal(target.before, "export function loadConfig(path: string): Config {\n  const text = readFileSync(path, 'utf8');");
    assert.equal(target.after, '  return JSON.parse(text);\n}');
  });

  it('splits CRLF and LF text into the same lines', () => {
    assert.deepEqual(splitLines('a\r\nb\nc\rd'), ['a', 'b', 'c', 'd']);
  });
});

describe('editor action prompts', () => {
  const diagnostic = { message: "Type 'string' is not assignable to type 'number'.", severity: 'error' as const, line: 4, character: 8, source: 'ts', code: '2322' };
  const target = buildCodeTarget({ lines: SOURCE, span: { startLine: 4, endLine: 4 }, languageId: 'typescript', path: 'src/config.ts', diagnostics: [diagnostic] });

  it('a fix prompt carries the diagnostic text, its position, the code around it and the language', () => {
    const prompt = editPrompt('fix', target);
    assert.match(prompt.text, /Type 'string' is not assignable to type 'number'\./);
    assert.match(prompt.text, /error \[ts 2322\] at line 5, column 9/);
    assert.match(prompt.text, /File: src\/config\.ts \(TypeScript\)/);
    assert.match(prompt.text, /TARGET \(lines 5–5\):\n```typescript\n {2}const count: number = text;\n```/);
    assert.match(prompt.text, /Code before the TARGET[\s\S]*readFileSync\(path, 'utf8'\)/);
    assert.match(prompt.text, /Code after the TARGET[\s\S]*return JSON\.parse\(text\);/);
    assert.equal(prompt.responseJsonSchema, CODE_PROPOSAL_SCHEMA);
    assert.match(prompt.systemInstruction, /replacement for the TARGET region alone/);
  });

  it('a refactor prompt includes the user\'s request; documentation asks for the language\'s comment style', () => {
    const refactor = editPrompt('refactor', target, { instruction: 'use early returns' });
    assert.match(refactor.text, /The user's request: use early returns/);
    assert.match(refactor.text, /without changing its behaviour/);
    const python = buildCodeTarget({ lines: ['def f(x):', '    return x'], span: { startLine: 0, endLine: 1 }, languageId: 'python', path: 'f.py' });
    assert.match(editPrompt('document', python).text, /idiomatic style for Python/);
  });

  it('the explain prompt names the file, lines and language', () => {
    assert.equal(
      explainPrompt(target),
      'Explain the attached TypeScript code from src/config.ts (lines 5–5): what it does and how, step by step, and anything surprising, risky or worth improving.',
    );
  });

  it('a tests prompt names the framework, the test file and includes the existing test file to extend', () => {
    const prompt = testsPrompt(target, {
      framework: { framework: 'vitest', evidence: 'package.json "test" script runs vitest' },
      plan: { path: 'src/config.test.ts', existing: true, reason: 'src/config.test.ts already tests config.ts' },
      existingTestText: "import { it } from 'vitest';\nit('old', () => {});",
      sourceFromTest: './config.ts',
    });
    assert.match(prompt.text, /Use vitest \(package\.json "test" script runs vitest\)/);
    assert.match(prompt.text, /The tests go in src\/config\.test\.ts/);
    assert.match(prompt.text, /Return the COMPLETE updated file/);
    assert.match(prompt.text, /it\('old', \(\) => \{\}\);/);
    assert.match(prompt.text, /\.\/config\.ts relative to the test file's folder/);
  });

  it('fences code that itself contains backtick fences with a longer fence', () => {
    const fenced = fence('const md = "```js\\nx\\n```";', 'typescript');
    assert.ok(fenced.startsWith('````typescript\n'));
    assert.ok(fenced.endsWith('\n````'));
  });
});
