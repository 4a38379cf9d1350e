// Which test framework a project uses, read from what is visible: package.json, Python config
// files, and the names of existing test files. Pure: the glue gathers the facts.

export type TestFramework = 'vitest' | 'jest' | 'mocha' | 'node:test' | 'pytest' | 'unittest' | 'go' | 'unknown';

export interface ProjectFacts {
  languageId: string;
  /** Text of the nearest package.json above the source file, if any. */
  packageJson?: string;
  /** Text of pyproject.toml / setup.cfg / tox.ini / requirements*.txt found at the project root. */
  pythonConfig?: string[];
  /** Workspace-relative paths of existing test files (a sample is enough). */
  testFiles: string[];
  /** Text of one existing test file of the same language, to recognise unittest vs pytest. */
  sampleTestText?: string;
}

export interface FrameworkGuess {
  framework: TestFramework;
  /** Why we think so, for the prompt and the log. */
  evidence: string;
}

const JS_LANGUAGES = new Set(['javascript', 'typescript', 'javascriptreact', 'typescriptreact']);

export function detectTestFramework(facts: ProjectFacts): FrameworkGuess {
  if (facts.languageId === 'go') return { framework: 'go', evidence: 'Go source: the standard `testing` package' };
  if (facts.languageId === 'python') return detectPython(facts);
  if (JS_LANGUAGES.has(facts.languageId)) return detectJavaScript(facts);
  return { framework: 'unknown', evidence: `no known test framework for ${facts.languageId}` };
}

function detectJavaScript(facts: ProjectFacts): FrameworkGuess {
  const manifest = parseJson(facts.packageJson);
  if (manifest) {
    const deps = { ...asRecord(manifest.dependencies), ...asRecord(manifest.devDependencies) };
    const testScript = String(asRecord(manifest.scripts).test ?? '');
    // The test script is the strongest signal: it is what actually runs.
    for (const framework of ['vitest', 'jest', 'mocha'] as const) {
      if (new RegExp(`\\b${framework}\\b`).test(testScript)) return { framework, evidence: `package.json "test" script runs ${framework}` };
    }
    if (/\bnode\b[^&|;]*--test\b/.test(testScript)) return { framework: 'node:test', evidence: 'package.json "test" script runs node --test' };
    if ('vitest' in deps) return { framework: 'vitest', evidence: 'vitest is a dependency in package.json' };
    if ('jest' in deps || 'ts-jest' in deps || 'babel-jest' in deps) return { framework: 'jest', evidence: 'jest is a dependency in package.json' };
    if ('mocha' in deps) return { framework: 'mocha', evidence: 'mocha is a dependency in package.json' };
    if ('jest' in manifest) return { framework: 'jest', evidence: 'package.json has a "jest" section' };
  }
  return { framework: 'unknown', evidence: manifest ? 'package.json names no test framework' : 'no package.json found' };
}

function detectPython(facts: ProjectFacts): FrameworkGuess {
  const config = (facts.pythonConfig ?? []).join('\n');
  if (/\[tool\.pytest|\[pytest\]|\[tool:pytest\]|^\s*pytest\b|["']pytest/m.test(config)) {
    return { framework: 'pytest', evidence: 'pytest is configured or required by the project' };
  }
  if (facts.testFiles.some((file) => basename(file) === 'conftest.py')) return { framework: 'pytest', evidence: 'the project has a conftest.py' };
  const sample = facts.sampleTestText ?? '';
  if (/^\s*(import unittest|from unittest import)/m.test(sample) && /unittest\.TestCase|\(TestCase\)/.test(sample)) {
    return { framework: 'unittest', evidence: 'existing tests subclass unittest.TestCase' };
  }
  if (/^\s*import pytest|^\s*def test_/m.test(sample)) return { framework: 'pytest', evidence: 'existing tests are pytest-style functions' };
  return { framework: 'pytest', evidence: 'Python project without other signals: pytest is the common choice' };
}

function parseJson(text: string | undefined): Record<string, unknown> | undefined {
  if (!text) return undefined;
  try {
    const value = JSON.parse(text);
    return typeof value === 'object' && value && !Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

export function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
