// Agent-mode test helpers: the tools sandbox plus files that only matter to writes (CRLF, BOM,
// Latin-1, a 10 MB file, a repeated line), a registry call in Agent mode with a fresh ChangeSet,
// and a snapshot of every file on disk, so each test can prove that nothing was written.
import { lstatSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { ChangeSet, ChangeSetLimits, DEFAULT_CHANGE_LIMITS } from '../../../src/agent/changeSet';
import { ToolExecution } from '../../../src/gemini/turnContract';
import { ToolScope } from '../../../src/tools/context';
import { Harness, HarnessOptions, Sandbox, harness, makeSandbox } from '../tools/fixture';

export const TWICE = 'export function a() {\n  return 1;\n}\n\nexport function b() {\n  return 1;\n}\n';

export function makeAgentSandbox(): Sandbox {
  const sandbox = makeSandbox();
  const put = (name: string, content: string | Buffer) => writeFileSync(path.join(sandbox.ws, name), content);
  put('crlf.txt', 'first line\r\nsecond line\r\nthird line\r\n');
  put('bom.txt', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('héllo\nworld\n')]));
  put('latin1.txt', Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]));
  put('twice.ts', TWICE);
  put('huge.txt', Buffer.alloc(10 * 1024 * 1024, 'a'));
  return sandbox;
}

export interface AgentHarness extends Harness {
  changes: ChangeSet;
  scope: ToolScope;
  agent(name: string, args?: unknown, signal?: AbortSignal): Promise<ToolExecution>;
}

export function agentHarness(sandbox: Sandbox, options: HarnessOptions & { limits?: Partial<ChangeSetLimits> } = {}): AgentHarness {
  const base = harness(sandbox, options);
  const changes = new ChangeSet({ ...DEFAULT_CHANGE_LIMITS, ...options.limits });
  const scope: ToolScope = { mode: 'agent', changes };
  let counter = 0;
  const executor = base.registry.forTurn(scope);
  return {
    ...base, changes, scope,
    agent: (name, args = {}, signal = new AbortController().signal) =>
      executor.execute({ id: `a${counter++}`, name, args: args as Record<string, unknown> }, signal),
  };
}

/** Every entry under `root` (links not followed) with its bytes or link-ness and mtime. */
export function diskState(root: string): Map<string, string> {
  const state = new Map<string, string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      const stat = lstatSync(full);
      const rel = path.relative(root, full);
      if (stat.isSymbolicLink()) state.set(rel, 'link');
      else if (stat.isDirectory()) { state.set(rel, 'dir'); walk(full); }
      else state.set(rel, `${stat.mtimeMs}:${readFileSync(full).toString('base64').slice(0, 2000)}:${stat.size}`);
    }
  };
  walk(root);
  return state;
}
