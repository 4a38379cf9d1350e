// nameGlobPrefilter (find_files on ripgrep, issue 19): the file-name glob ripgrep may apply while
// it lists must accept every name the full glob accepts, and is only given in forms both sides
// read the same way; anything richer gives no prefilter at all.
import * as assert from 'node:assert/strict';
import picomatch from 'picomatch/posix';
import { nameGlobPrefilter } from '../../../src/tools/globPrefilter';

describe('nameGlobPrefilter', () => {
  it('takes the last segment of plain names, * and ?', () => {
    assert.equal(nameGlobPrefilter('**/*.ts'), '*.ts');
    assert.equal(nameGlobPrefilter('*.test.ts'), '*.test.ts');
    assert.equal(nameGlobPrefilter('src/**/index.ts'), 'index.ts');
    assert.equal(nameGlobPrefilter('**/file?.ts'), 'file?.ts');
    assert.equal(nameGlobPrefilter('docs/日本語.md'), '日本語.md');
    assert.equal(nameGlobPrefilter('.env*'), '.env*');
  });

  it('gives none where every name passes or the syntax differs between picomatch and ripgrep', () => {
    for (const glob of ['**/*', '*', 'src/**', 'src/', '**/*.{js,ts}', '**/[ab].ts', '!*.ts', '**/#x', '**/a b.ts',
      '**/a\\*.ts', '**/+(a|b).ts', '**/@(x).ts', '**/a:b', '**/a,b', '..', '**/emoji-😀.txt']) {
      assert.equal(nameGlobPrefilter(glob), undefined, glob);
    }
  });

  it('never leaves out a path the full glob accepts', () => {
    const paths = ['a.ts', 'src/a.ts', 'src/deep/index.ts', 'src/index.tsx', '.env', '.env.local', 'x/.env.example', 'file1.ts', 'file12.ts', 'docs/日本語.md'];
    for (const glob of ['**/*.ts', '*.ts', 'src/**/index.ts', '**/file?.ts', '.env*', 'docs/日本語.md', 'src/*.ts']) {
      const full = picomatch(glob, { dot: true, basename: !glob.includes('/') });
      const name = picomatch(nameGlobPrefilter(glob)!, { dot: true, basename: true });
      for (const path of paths) if (full(path)) assert.ok(name(path), `${glob} accepts ${path} but its prefilter does not`);
    }
  });
});
