// The pure half of @gemini: chat history as contents, progress lines, the files a turn read,
// follow-ups, and attachments as prompt text.
import * as assert from 'node:assert/strict';
import { attachmentText, fileReadBy, followupsFor, historyContents, toolProgress } from '../../../src/lm/participant';

describe('@gemini participant helpers', () => {
  it('turns the chat history into alternating user/model contents', () => {
    assert.deepEqual(historyContents([
      { kind: 'request', prompt: 'What is greet?' },
      { kind: 'response', text: 'A function.' },
      { kind: 'request', prompt: 'Where?' },
      { kind: 'response', text: 'In src/greet.ts.' },
    ]), [
      { role: 'user', parts: [{ text: 'What is greet?' }] },
      { role: 'model', parts: [{ text: 'A function.' }] },
      { role: 'user', parts: [{ text: 'Where?' }] },
      { role: 'model', parts: [{ text: 'In src/greet.ts.' }] },
    ]);
  });

  it('keeps a request whose answer failed together with the next, and drops a trailing unanswered one', () => {
    assert.deepEqual(historyContents([
      { kind: 'request', prompt: 'first' },
      { kind: 'response', text: '' },
      { kind: 'request', prompt: 'second' },
      { kind: 'response', text: 'answer' },
      { kind: 'request', prompt: 'cancelled' },
    ]), [
      { role: 'user', parts: [{ text: 'first' }, { text: 'second' }] },
      { role: 'model', parts: [{ text: 'answer' }] },
    ]);
    assert.deepEqual(historyContents([]), []);
  });

  it('describes each tool call while it runs', () => {
    assert.equal(toolProgress({ id: '1', name: 'read_file', args: { path: 'src/a.ts' } }), 'Reading src/a.ts');
    assert.equal(toolProgress({ id: '2', name: 'list_directory', args: {} }), 'Listing the workspace');
    assert.equal(toolProgress({ id: '3', name: 'search_text', args: { query: 'TODO' } }), 'Searching for "TODO"');
    assert.equal(toolProgress({ id: '4', name: 'find_files', args: { glob: '**/*.ts' } }), 'Finding files matching **/*.ts');
    assert.equal(toolProgress({ id: '5', name: 'mystery', args: {} }), 'Running mystery');
  });

  it('knows which file a read_file call read, and nothing for other tools', () => {
    assert.equal(fileReadBy({ id: '1', name: 'read_file', args: { path: ' src/a.ts ' } }), 'src/a.ts');
    assert.equal(fileReadBy({ id: '2', name: 'read_file', args: {} }), undefined);
    assert.equal(fileReadBy({ id: '3', name: 'search_text', args: { path: 'src' } }), undefined);
  });

  it('offers follow-ups on the files read, a retry after a retryable failure, nothing after a permanent one', () => {
    assert.deepEqual(followupsFor({ prompt: 'q', filesRead: ['src/util/strings.ts', 'src/greet.ts', 'README.md'] }).map((f) => f.label), [
      'Suggest improvements to strings.ts', 'Suggest improvements to greet.ts',
    ]);
    assert.equal(followupsFor({ prompt: 'q', filesRead: ['src/greet.ts'] })[0].prompt, 'Suggest improvements to src/greet.ts');
    assert.equal(followupsFor({ prompt: 'q', filesRead: [] }).length, 1);
    assert.deepEqual(followupsFor({ prompt: 'explain x', filesRead: [], failure: { code: 'overloaded', retryable: true, action: 'retry' } }), [{ prompt: 'explain x', label: 'Try again' }]);
    assert.deepEqual(followupsFor({ prompt: 'q', filesRead: [], failure: { code: 'invalidKey', retryable: false, action: 'setKey' } }), []);
    assert.deepEqual(followupsFor(undefined), []);
  });

  it('wraps attachments in a fence that their own fences cannot close, cutting long ones with a marker', () => {
    const plain = attachmentText('file src/a.ts', 'const a = 1;', 'typescript', 100);
    assert.equal(plain, 'Attached file src/a.ts:\n```typescript\nconst a = 1;\n```');
    const fenced = attachmentText('file README.md', 'x\n```js\ny\n```', 'markdown', 100);
    assert.match(fenced, /^Attached file README\.md:\n````markdown\n/);
    const long = attachmentText('file big.txt', 'z'.repeat(50), undefined, 10);
    assert.match(long, /\nz{10}\n```\n\[truncated: showing the first 10 of 50 characters\]$/);
  });
});
