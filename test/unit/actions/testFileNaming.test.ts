// Where "Write tests" puts the tests: the naming convention of the files that exist, else the framework's.
import * as assert from 'node:assert/strict';
import { isTestFileName, planTestFile, relativePath } from '../../../src/actions/testFileNaming';

const pkg = (value: object): string => JSON.stringify(value);

describe('test file naming', () => {
  it('recognises test file names of each ecosystem', () => {
    for (const name of ['a.test.ts', 'src/a.spec.js', 'pkg/a_test.go', 'tests/test_a.py', 'a_test.py']) assert.ok(isTestFileName(name), name);
    for (const name of ['a.ts', 'testing.go', 'latest.py', 'contest.js']) assert.ok(!isTestFileName(name), name);
  });

  it('puts Go tests beside the source as <name>_test.go', () => {
    assert.deepEqual(planTestFile('pkg/parse/parse.go', 'go', ['pkg/parse/parse_test.go']), {
      path: 'pkg/parse/parse_test.go', existing: true, reason: 'Go tests live beside the source as <name>_test.go',
    });
  });

  it('extends the existing test file of the source wherever it is', () => {
    const plan = planTestFile('src/actions/target.ts', 'mocha', ['test/unit/actions/target.test.ts', 'test/unit/chat/session.test.ts']);
    assert.equal(plan.path, 'test/unit/actions/target.test.ts');
    assert.equal(plan.existing, true);
  });

  it('places a new test next to the source by default, with the .spec style when the project uses it', () => {
    assert.deepEqual(planTestFile('src/util/math.ts', 'jest', []), { path: 'src/util/math.test.ts', existing: false, reason: 'tests live next to their source' });
    assert.equal(planTestFile('src/util/math.ts', 'jest', ['src/a.spec.ts', 'src/b/c.spec.ts']).path, 'src/util/math.spec.ts');
  });

  it('follows __tests__ folders and separate test trees', () => {
    assert.equal(planTestFile('src/util/math.tsx', 'jest', ['src/__tests__/a.test.tsx', 'src/b/__tests__/c.test.ts']).path, 'src/util/__tests__/math.test.tsx');
    const tree = ['test/unit/actions/prompts.test.ts', 'test/unit/chat/session.test.ts', 'test/unit/manifest.test.ts'];
    assert.equal(planTestFile('src/actions/kinds.ts', 'mocha', tree).path, 'test/unit/actions/kinds.test.ts');
    assert.equal(planTestFile('src/gemini/engine.ts', 'mocha', tree).path, 'test/unit/gemini/engine.test.ts');
  });

  it('names Python tests test_<name>.py, or <name>_test.py when the project does', () => {
    assert.equal(planTestFile('app/parse.py', 'pytest', []).path, 'app/test_parse.py');
    assert.equal(planTestFile('app/parse.py', 'pytest', ['tests/test_other.py', 'tests/test_more.py']).path, 'tests/app/test_parse.py');
    assert.equal(planTestFile('app/parse.py', 'pytest', ['app/other_test.py']).path, 'app/parse_test.py');
  });

  it('does not mistake a test file of another language for the source\'s', () => {
    assert.equal(planTestFile('src/parse.ts', 'jest', ['tools/test_parse.py']).existing, false);
  });

  it('computes the source path as seen from the test folder', () => {
    assert.equal(relativePath('test/unit/actions', 'src/actions/kinds.ts'), '../../../src/actions/kinds.ts');
    assert.equal(relativePath('src/util', 'src/util/math.ts'), './math.ts');
    assert.equal(relativePath('src/util/__tests__', 'src/util/math.ts'), '../math.ts');
    assert.equal(relativePath('', 'math.py'), './math.py');
  });
});
