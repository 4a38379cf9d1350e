// Where things live, resolved from the compiled location (out/test/harness/) or the source one.
import * as path from 'node:path';
import { existsSync } from 'node:fs';

function findRepoRoot(start: string): string {
  let dir = start;
  while (!existsSync(path.join(dir, 'package.json')) || path.basename(path.dirname(dir)) === 'node_modules') {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${start}`);
    dir = parent;
  }
  return dir;
}

export const REPO_ROOT = findRepoRoot(__dirname);
export const EXTENSION_ID = 'gemini-vscode-oss.gemini-for-vscode';
export const FIXTURE_WORKSPACE = path.join(REPO_ROOT, 'test', 'fixtures', 'workspace');
/** A test extension contributing two language-model tools (loaded beside ours by the integration run). */
export const FIXTURE_LM_TOOL_EXTENSION = path.join(REPO_ROOT, 'test', 'fixtures', 'lm-tool-extension');
export const TEST_OUTPUT = path.join(REPO_ROOT, 'test-output');
export const SCREENSHOTS = path.join(TEST_OUTPUT, 'screenshots');
/** The compiled in-host test entry (exports `run()`), loaded by the extension host. */
export const INTEGRATION_INDEX = path.join(REPO_ROOT, 'out', 'test', 'integration', 'index.js');
