// Rules files (AGENTS.md, GEMINI.md): nearest first from the files in play up to the root, never
// from ignored folders or through symlinks, joined under a size cap; and the runner that puts
// them into the turn's system instruction.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { TurnOutcome, TurnRequest, TurnRunner } from '../../../src/gemini/turnContract';
import type { TurnEvent } from '../../../src/gemini/events';
import {
  MAX_RULES_FILE_CHARS, candidateDirectories, directoriesUp, joinRules, loadRules, resolveInPlay,
} from '../../../src/rules/rulesFiles';
import { withRules } from '../../../src/rules/rulesRunner';
import { NodeWorkspacePort } from '../../../src/tools/nodeWorkspacePort';

function write(root: string, file: string, content: string): void {
  const full = path.join(root, file);
  mkdirSync(path.dirname(full), { recursive: true });
  writeFileSync(full, content);
}

describe('rules files', () => {
  let root: string;
  let port: NodeWorkspacePort;
  before(() => {
    root = mkdtempSync(path.join(tmpdir(), 'gemini-rules-'));
    write(root, 'AGENTS.md', 'root agents rule');
    write(root, 'GEMINI.md', 'root gemini rule');
    write(root, 'src/AGENTS.md', 'src rule');
    write(root, 'src/api/AGENTS.md', 'api rule');
    write(root, 'src/api/handler.ts', 'export {};');
    write(root, 'src/other/AGENTS.md', 'other rule (not in play)');
    write(root, '.gitignore', 'vendor/\n');
    write(root, 'vendor/lib/AGENTS.md', 'IGNORED vendor rule');
    write(root, 'vendor/lib/x.ts', 'export {};');
    write(root, 'outside/AGENTS.md', 'outside rule');
    mkdirSync(path.join(root, 'linked'));
    symlinkSync(path.join(root, 'outside', 'AGENTS.md'), path.join(root, 'linked', 'AGENTS.md'));
    write(root, 'linked/y.ts', '');
    port = new NodeWorkspacePort([{ path: root }]);
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('lists directories from a file up to the root, nearest first', () => {
    assert.deepEqual(directoriesUp('src/api/handler.ts'), ['src/api', 'src', '']);
    assert.deepEqual(directoriesUp('README.md'), ['']);
  });

  it('resolves in-play paths, dropping ones that climb out', () => {
    const folders = port.folders();
    assert.deepEqual(resolveInPlay(['src/a.ts', '../x', 'a/./b', ''], folders).map((l) => l.path), ['src/a.ts']);
    const two = [{ ...folders[0], name: 'one' }, { ...folders[0], index: 1, name: 'two' }];
    const resolved = resolveInPlay(['two/lib/a.ts', 'three/a.ts'], two);
    assert.deepEqual(resolved.map((l) => [l.folder.name, l.path]), [['two', 'lib/a.ts']]);
    const dirs = candidateDirectories(resolved, two);
    assert.deepEqual(dirs.map((l) => `${l.folder.name}:${l.path}`), ['two:lib', 'two:', 'one:']);
  });

  it('reads the rules of the files in play, nearest first, and the root ones with nothing in play', async () => {
    const rules = await loadRules(port, ['src/api/handler.ts']);
    assert.deepEqual(rules.files.map((f) => f.display), ['src/api/AGENTS.md', 'src/AGENTS.md', 'AGENTS.md', 'GEMINI.md']);
    assert.ok(rules.instruction.indexOf('api rule') < rules.instruction.indexOf('src rule'));
    assert.ok(!rules.instruction.includes('other rule'));
    const rootOnly = await loadRules(port, []);
    assert.deepEqual(rootOnly.files.map((f) => f.display), ['AGENTS.md', 'GEMINI.md']);
  });

  it('never reads rules inside ignored folders or through symlinks', async () => {
    const rules = await loadRules(port, ['vendor/lib/x.ts', 'linked/y.ts']);
    assert.deepEqual(rules.files.map((f) => f.display), ['AGENTS.md', 'GEMINI.md']);
    assert.ok(!rules.instruction.includes('IGNORED'));
    assert.ok(!rules.instruction.includes('outside rule'));
  });

  it('cuts a long file and leaves whole files out past the cap, keeping the nearest', () => {
    const file = (display: string, text: string) => ({ location: { folder: port.folders()[0], path: display }, display, text, truncated: false });
    const joined = joinRules([file('a/AGENTS.md', 'x'.repeat(600)), file('AGENTS.md', 'y'.repeat(600))], 1000);
    assert.deepEqual(joined.files.map((f) => f.display), ['a/AGENTS.md']);
    assert.deepEqual(joined.omitted, ['AGENTS.md']);
    assert.match(joined.instruction, /Left out for size: AGENTS\.md/);
    assert.equal(joinRules([]).instruction, '');
  });

  it('cuts one oversized rules file at the per-file limit', async () => {
    write(root, 'big/AGENTS.md', 'z'.repeat(MAX_RULES_FILE_CHARS + 500));
    write(root, 'big/a.ts', '');
    const rules = await loadRules(port, ['big/a.ts']);
    const big = rules.files.find((f) => f.display === 'big/AGENTS.md');
    assert.ok(big?.truncated);
    assert.equal(big?.text.length, MAX_RULES_FILE_CHARS);
    assert.match(rules.instruction, /\[cut: the file is longer\]/);
  });
});

describe('withRules', () => {
  function recordingRunner(): { runner: TurnRunner; requests: TurnRequest[] } {
    const requests: TurnRequest[] = [];
    return {
      requests,
      runner: {
        async *runTurn(request: TurnRequest): AsyncGenerator<TurnEvent, TurnOutcome, void> {
          requests.push(request);
          yield { type: 'text', text: 'ok' };
          return { contents: [], status: 'done' };
        },
      },
    };
  }
  const request = (): TurnRequest => ({ history: [], message: { role: 'user', parts: [{ text: 'hi' }] }, signal: new AbortController().signal, systemInstruction: 'task' });
  async function drain(gen: AsyncGenerator<TurnEvent, TurnOutcome, void>): Promise<TurnEvent[]> {
    const events: TurnEvent[] = [];
    for (let step = await gen.next(); !step.done; step = await gen.next()) events.push(step.value);
    return events;
  }

  it('puts the rules before the turn instruction and reports which applied', async () => {
    const { runner, requests } = recordingRunner();
    const folder = { index: 0, name: 'ws', uri: 'file:///ws' };
    const loaded = joinRules([{ location: { folder, path: 'AGENTS.md' }, display: 'AGENTS.md', text: 'Use tabs.', truncated: false }]);
    const events = await drain(withRules(runner, { load: async () => loaded }).runTurn(request()));
    assert.deepEqual(events[0], { type: 'rules', rules: { files: ['AGENTS.md'] } });
    assert.match(requests[0].systemInstruction ?? '', /Use tabs\.[\s\S]*\n\ntask$/);
  });

  it('leaves the turn alone when rules are off, and when reading them fails', async () => {
    const { runner, requests } = recordingRunner();
    const errors: unknown[] = [];
    const off = await drain(withRules(runner, { load: async () => undefined }).runTurn(request()));
    const failing = await drain(withRules(runner, { load: async () => { throw new Error('disk'); } }, (e) => errors.push(e)).runTurn(request()));
    assert.deepEqual([off, failing].map((e) => e.map((x) => x.type)), [['text'], ['text']]);
    assert.deepEqual(requests.map((r) => r.systemInstruction), ['task', 'task']);
    assert.equal(errors.length, 1);
  });
});
