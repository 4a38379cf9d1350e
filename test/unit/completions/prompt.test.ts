// The fill-in-the-middle prompt: windows around the cursor, bounded context, single or multi-line.
import * as assert from 'node:assert/strict';
import { buildPrompt, completionMode, CONTEXT_BUDGET, CURSOR_MARKER, importLines, PREFIX_WINDOW, SUFFIX_WINDOW } from '../../../src/completions/prompt';

describe('completions/prompt', () => {
  it('puts the cursor marker between the prefix and the suffix', () => {
    const prompt = buildPrompt({ path: 'src/a.ts', languageId: 'typescript', prefix: 'const x = ', suffix: ';\n' });
    assert.ok(prompt.text.includes(`const x = ${CURSOR_MARKER};\n`));
    assert.ok(prompt.text.includes('src/a.ts (typescript)'));
    assert.match(prompt.systemInstruction, /exactly the text to insert/);
  });

  it('chooses one line mid-line and a block at an empty line or after an opener', () => {
    assert.equal(completionMode('const x = ', ';\n'), 'line');
    assert.equal(completionMode('foo(', 'bar)\n'), 'line');
    assert.equal(completionMode('function f() {\n  ', '\n}'), 'block');
    assert.equal(completionMode('function f() {', '\n}'), 'block');
    assert.equal(completionMode('if x:', ''), 'block');
  });

  it('cuts the prefix and suffix to their windows and names the imports above the window', () => {
    const imports = "import { a } from './a';\nimport * as b from 'b';\n";
    const prefix = imports + 'x\n'.repeat(PREFIX_WINDOW);
    const suffix = 'y\n'.repeat(SUFFIX_WINDOW);
    const prompt = buildPrompt({ path: 'a.ts', languageId: 'typescript', prefix, suffix });
    assert.ok(prompt.text.includes("--- imports of a.ts ---\nimport { a } from './a';\nimport * as b from 'b';"));
    assert.ok(prompt.text.includes('from the middle'));
    assert.ok(prompt.text.length < PREFIX_WINDOW + SUFFIX_WINDOW + CONTEXT_BUDGET + 1000);
  });

  it('leaves the imports out when the window already shows them', () => {
    const prompt = buildPrompt({ path: 'a.ts', languageId: 'typescript', prefix: "import x from 'x';\nx(", suffix: ')' });
    assert.ok(!prompt.text.includes('--- imports'));
  });

  it('adds at most two related tabs and keeps all context within the budget', () => {
    const related = [1, 2, 3].map((n) => ({ path: `t${n}.ts`, text: `tab${n} `.repeat(2000) }));
    const prompt = buildPrompt({ path: 'a.ts', languageId: 'typescript', prefix: 'a', suffix: '', related });
    assert.ok(prompt.text.includes('open tab t1.ts'));
    assert.ok(prompt.text.includes('open tab t2.ts'));
    assert.ok(!prompt.text.includes('open tab t3.ts'));
    const context = prompt.text.slice(0, prompt.text.indexOf('--- a.ts'));
    assert.ok(context.length <= CONTEXT_BUDGET + 200, `context ${context.length}`);
  });

  it('names the enclosing symbol when its start lies above the window', () => {
    const symbol = { name: 'function render', text: 'function render(view) {\n' + '  step();\n'.repeat(1000) };
    const prompt = buildPrompt({ path: 'a.ts', languageId: 'typescript', prefix: symbol.text.repeat(2), suffix: '', symbol });
    assert.ok(prompt.text.includes('the function render the cursor is in'));
  });

  it('finds import lines of several languages', () => {
    assert.deepEqual(importLines("import os\nfrom x import y\nconst z = require('z');\n#include <stdio.h>\nusing System;\nx = 1"), [
      'import os', 'from x import y', "const z = require('z');", '#include <stdio.h>', 'using System;',
    ]);
  });
});
