// The project is self-sufficient: a bare clone builds and tests with nothing beside it. No file of
// the repository (tracked, or new and not ignored) may refer to the folder next to the checkout
// where test data used to live; the recordings the tests replay are in test/fixtures/.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../harness/paths';
import { recordingsDir } from '../emulator';

// Built from parts so this file does not match itself.
const OUTSIDE_FOLDER = ['..', 'shared'].join('/');
const SKIPPED_DIRS = new Set(['.git', 'node_modules', 'out', 'dist', 'test-output']);

/** Repository files: git's tracked + untracked-not-ignored list, or a plain walk without git. */
function repositoryFiles(): string[] {
  try {
    const listed = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return listed.split('\0').filter((file) => file && existsSync(path.join(REPO_ROOT, file)));
  } catch {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(path.join(REPO_ROOT, dir), { withFileTypes: true })) {
        const relative = path.join(dir, entry.name);
        if (entry.isDirectory()) {
          if (!SKIPPED_DIRS.has(entry.name)) walk(relative);
        } else if (entry.isFile()) files.push(relative);
      }
    };
    walk('');
    return files;
  }
}

describe('the repository is self-sufficient', () => {
  it(`no file refers to ${OUTSIDE_FOLDER}`, () => {
    const files = repositoryFiles();
    assert.ok(files.length > 100, `expected the repository's files, found ${files.length}`);
    const offenders = files.filter((file) => {
      const text = readFileSync(path.join(REPO_ROOT, file));
      if (text.includes(0)) return false; // binary
      return text.toString('utf8').includes(OUTSIDE_FOLDER);
    });
    assert.deepEqual(offenders, [], `these files refer to ${OUTSIDE_FOLDER}; keep what they need inside the repository`);
  });

  it('the emulator replays recordings from test/fixtures/gemini-recordings', function () {
    if (process.env.GEMINI_RECORDINGS_DIR) this.skip();
    assert.equal(recordingsDir(), path.join(REPO_ROOT, 'test', 'fixtures', 'gemini-recordings'));
    for (const file of ['README.md', 'LICENSES/MIT-pydantic-ai.txt', 'LICENSES/Apache-2.0-js-genai.txt', 'LICENSES/Apache-2.0-llm-gemini.txt']) {
      assert.ok(existsSync(path.join(recordingsDir(), file)), `${file} is missing from the recordings folder`);
    }
  });
});
