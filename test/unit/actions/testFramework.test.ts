// Detecting the project's test framework from package.json, Python config and existing tests.
import * as assert from 'node:assert/strict';
import { detectTestFramework } from '../../../src/actions/testFramework';

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
