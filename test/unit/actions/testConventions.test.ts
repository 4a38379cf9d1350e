import * as assert from 'node:assert/strict';
import { detectTestFramework } from '../../../src/actions/testFramework';
import { isTestFileName, planTestFile, relativePath } from '../../../src/actions/testFileNaming';

const pkg = (value: object): string => JSON.stringify(value);

describe('test framework detection', () => {
  it('reads mocha, jest and vitest from package.json dependencies', () => {
    assert.equal(detectTestFramework({ languageId: 'typescript', packageJson: pkg({ devDependencies: { mocha: '^10' } }), testFiles: [] }).framework, 'mocha');
    assert.equal(detectTestFramework({ languageId: 'javascript', packageJson: pkg({ devDependencies: { jest: '^29' } }), testFiles: [] }).framework, 'jest');
    assert.equal(detectTestFramework({ languageId: 'typescriptreact', packageJson: pkg({ devDependencies: { vitest: '^1' } }), testFiles: [] }).framework, 'vitest');
    assert.equal(detectTestFramework({ languageId: 'typescript', packageJson: pkg({ devDependencies: { 'ts-jest': '^29' } }), testFiles: [] }).framework, 'jest');
  });

  it('prefers the framework the "test" script runs over other dependencies', () => {
    const guess = detectTestFramework({
      languageId: 'typescript',
      packageJson: pkg({ scripts: { test: 'vitest run' }, devDependencies: { jest: '^29', vitest: '^1' } }),
      testFiles: [],
    });
    assert.deepEqual(guess, { framework: 'vitest', evidence: 'package.json "test" script runs vitest' });
    assert.equal(detectTestFramework({ languageId: 'javascript', packageJson: pkg({ scripts: { test: 'node --test test/' } }), testFiles: [] }).framework, 'node:test');
  });

  it('says so when package.json names no framework or is missing', () => {
    assert.deepEqual(detectTestFramework({ languageId: 'typescript', packageJson: pkg({ dependencies: { lodash: '1' } }), testFiles: [] }), {
      framework: 'unknown', evidence: 'package.json names no test framework',
    });
    assert.equal(detectTestFramework({ languageId: 'typescript', packageJson: '{not json', testFiles: [] }).evidence, 'no package.json found');
  });

  it('recognises pytest from configuration, conftest.py or test style, and unittest from TestCase classes', () => {
    assert.equal(detectTestFramework({ languageId: 'python', pythonConfig: ['[tool.pytest.ini_options]\naddopts = "-q"'], testFiles: [] }).framework, 'pytest');
    assert.equal(detectTestFramework({ languageId: 'python', testFiles: ['tests/conftest.py'] }).evidence, 'the project has a conftest.py');
    const unittest = 'import unittest\n\nclass TestParse(unittest.TestCase):\n    def test_a(self):\n        pass\n';
    assert.equal(detectTestFramework({ languageId: 'python', testFiles: ['tests/test_a.py'], sampleTestText: unittest }).framework, 'unittest');
  });

  it('uses go test for Go sources', () => {
    assert.equal(detectTestFramework({ languageId: 'go', testFiles: [] }).framework, 'go');
  });
});

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
