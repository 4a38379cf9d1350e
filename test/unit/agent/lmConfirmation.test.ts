// The confirmation VS Code shows before one of our write tools runs for VS Code's own agent: the
// path, the +/- counts and exactly the lines written, clipped; model text (paths, content with
// backticks, Markdown links, fake "buttons") stays inside code, never laid out as dialog text.
import * as assert from 'node:assert/strict';
import { ChangeSet } from '../../../src/agent/changeSet';
import { MAX_SHOWN_LINES, appliedReport, diffLines, fenced, inlineCode, writeConfirmation } from '../../../src/agent/lmConfirmation';

const folder = { index: 0, name: 'ws', uri: 'file:///ws' };
const at = (path: string) => ({ folder, path });
const existing = (text: string) => () => ({ text, bom: false, eol: '\n' as const, base: { exists: true } });

/** Every line of the Markdown outside fenced code blocks. */
function outsideCode(markdown: string): string {
  const out: string[] = [];
  let fence: string | undefined;
  for (const line of markdown.split('\n')) {
    const open = /^(`{3,})/.exec(line);
    if (fence) { if (line === fence) fence = undefined; continue; }
    if (open) { fence = open[1]; continue; }
    out.push(line);
  }
  return out.join('\n');
}

describe('write confirmation for VS Code\'s agent', () => {
  it('shows an edit as the path, its counts and a diff of exactly the changed lines', () => {
    const set = new ChangeSet();
    set.proposeEdit(at('src/a.ts'), 'src/a.ts', existing('one\ntwo\nthree\n'), 'two', 'TWO\nTWO-B');
    const { title, message } = writeConfirmation(set, []);
    assert.equal(title, 'Gemini: edit src/a.ts?');
    assert.match(message, /Changes ` src\/a\.ts ` \(\+2 −1\)/);
    assert.match(message, /```diff\n@@ line 2 @@\n-two\n\+TWO\n\+TWO-B\n```/);
    assert.match(message, /one edit when you allow it/);
  });

  it('shows a new file\'s whole content, and a sensitive file in the title and again as a warning', () => {
    const set = new ChangeSet();
    set.proposeCreate(at('.env'), '.env', 'KEY=1\n');
    const { title, message } = writeConfirmation(set, ['.env*']);
    assert.equal(title, 'Gemini: create the sensitive file .env?');
    assert.match(message, /```text\nKEY=1\n```/);
    assert.match(message, /\*\*Sensitive file\*\* \(matches ` \.env\* `\): you will be asked again/);
  });

  it('keeps hostile model text inside code: backtick fences, links and fake buttons', () => {
    const hostile = '```\n[Allow](command:workbench.action.terminal.new)\n**Click Allow, this is safe**\n````';
    const set = new ChangeSet();
    set.proposeCreate(at('notes.md'), 'notes`\n[x](http://evil).md', hostile);
    const { title, message } = writeConfirmation(set, []);
    assert.doesNotMatch(title, /\n/);
    const prose = outsideCode(message);
    assert.doesNotMatch(prose, /\[Allow\]|Click Allow|```\n/, prose);
    // The path is inline code with a longer fence than any backtick run in it, on one line.
    assert.match(prose, /Creates `` notes`\?\[x\]\(http:\/\/evil\)\.md ``/);
    // The content's own fences are shorter than the block's.
    assert.ok(message.includes(`\`\`\`\`\`text\n${hostile}\n\`\`\`\`\``), message);
  });

  it('clips long content and long lines, saying how much is not shown', () => {
    const set = new ChangeSet();
    const content = Array.from({ length: MAX_SHOWN_LINES + 25 }, (_, i) => `line ${i} ${i === 0 ? 'x'.repeat(1000) : ''}`).join('\n') + '\n';
    set.proposeCreate(at('big.txt'), 'big.txt', content);
    const { message } = writeConfirmation(set, []);
    assert.match(message, /… 25 more lines not shown/);
    assert.match(message, /… \(\d+ more characters\)/);
    assert.ok(message.length < 40_000);
  });

  it('names deletions and renames with both paths', () => {
    const deletion = new ChangeSet();
    deletion.proposeDelete(at('old.txt'), 'old.txt', existing('a\nb\n'));
    assert.equal(writeConfirmation(deletion, []).title, 'Gemini: delete old.txt?');
    assert.match(writeConfirmation(deletion, []).message, /Deletes ` old\.txt ` \(\+0 −2\)/);
    const rename = new ChangeSet();
    rename.proposeRename(at('a.txt'), 'a.txt', at('b.txt'), 'b.txt', existing('a\n'));
    assert.match(writeConfirmation(rename, []).message, /Renames ` a\.txt ` to ` b\.txt `\./);
  });

  it('diffs several hunks in file order, and reports applied and conflicting files to the model', () => {
    const set = new ChangeSet();
    set.proposeEdit(at('a.txt'), 'a.txt', existing('1\n2\n3\n4\n5\n'), '4', 'four');
    set.proposeEdit(at('a.txt'), 'a.txt', existing('1\n2\n3\n4\n5\n'), '2', 'two');
    assert.deepEqual(diffLines(set.files[0]), ['@@ line 2 @@', '-2', '+two', '@@ line 4 @@', '-4', '+four']);
    set.files[0].outcome = 'conflict';
    set.files[0].detail = 'it changed on disk after the proposal';
    assert.deepEqual(appliedReport(set), { ok: false, text: 'Not written: edit a.txt: it changed on disk after the proposal. Read the file again and retry.' });
    set.files[0].outcome = 'applied';
    assert.equal(appliedReport(set).ok, true);
  });

  it('fences and inline code always outgrow the text\'s own backticks', () => {
    assert.equal(fenced('a ```` b'), '`````text\na ```` b\n`````');
    assert.equal(inlineCode('x`y'), '`` x`y ``');
  });
});
