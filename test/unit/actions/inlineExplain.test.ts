// Explain inline's pure parts: the first message carries the code, follow-ups carry the earlier
// turns as history, "Continue in Chat" carries the whole thread, and the repaint throttle.
import * as assert from 'node:assert/strict';
import { continueInChatPrompt, explainHistory, explainThreadPrompt, Throttle } from '../../../src/actions/inlineExplain';
import { buildCodeTarget } from '../../../src/actions/target';

const target = buildCodeTarget({
  lines: ['import os', 'def f(x):', '    return x * 2', 'print(f(2))'],
  span: { startLine: 1, endLine: 2 },
  languageId: 'python',
  path: 'src/f.py',
  diagnostics: [],
});

describe('explain inline', () => {
  it('asks about the selected code with its lines and surroundings', () => {
    const prompt = explainThreadPrompt(target);
    assert.match(prompt, /Explain this Python code from src\/f\.py \(lines 2–3\)/);
    assert.match(prompt, /```python\ndef f\(x\):\n    return x \* 2\n```/);
    assert.match(prompt, /the code around it:\n```python\nimport os\n…\nprint\(f\(2\)\)/);
  });

  it('sends earlier turns as history, the first one with the code', () => {
    const history = explainHistory('FIRST', [{ question: 'Explain this code.', answer: 'It doubles.' }, { question: 'Why 2?', answer: 'Spec.' }]);
    assert.deepEqual(history, [
      { role: 'user', text: 'FIRST' }, { role: 'model', text: 'It doubles.' },
      { role: 'user', text: 'Why 2?' }, { role: 'model', text: 'Spec.' },
    ]);
    assert.deepEqual(explainHistory('FIRST', []), []);
  });

  it('hands the whole thread to the chat', () => {
    const prompt = continueInChatPrompt(target, [{ question: 'Explain this code.', answer: 'It doubles.\n' }, { question: 'Why 2?', answer: 'Spec.' }]);
    assert.match(prompt, /src\/f\.py \(lines 2–3\)/);
    assert.match(prompt, /\*\*Me:\*\* Explain this code\.\n\n\*\*Gemini:\*\* It doubles\.\n\n\*\*Me:\*\* Why 2\?\n\n\*\*Gemini:\*\* Spec\./);
  });

  it('repaints at most once per interval while streaming, and always at the end', () => {
    let now = 0;
    let flushes = 0;
    const throttle = new Throttle(80, () => flushes++, () => now);
    throttle.poke(); // first chunk: at once
    now = 10;
    throttle.poke();
    throttle.poke();
    assert.equal(flushes, 1);
    throttle.done();
    assert.equal(flushes, 2);
    now = 200;
    throttle.poke();
    assert.equal(flushes, 3);
  });
});
