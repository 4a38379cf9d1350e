// Gathers what "Write tests" needs to follow the project's conventions: the nearest package.json,
// Python config files, the existing test files, and from them the test file to create or extend.
import * as vscode from 'vscode';
import { detectTestFramework, FrameworkGuess, ProjectFacts } from '../../actions/testFramework';
import { planTestFile, relativePath, splitPath, TestFilePlan } from '../../actions/testFileNaming';

const TEST_FILE_GLOB = '**/{*.test.*,*.spec.*,*_test.*,test_*.py,conftest.py}';
const IGNORED_DIRS = '**/{node_modules,.git,out,dist,build,coverage,.venv,venv,__pycache__,vendor,target}/**';
const PYTHON_CONFIG_FILES = ['pyproject.toml', 'setup.cfg', 'pytest.ini', 'tox.ini', 'requirements.txt', 'requirements-dev.txt'];
const MAX_TEST_FILES = 500;

export interface TestFileTarget {
  framework: FrameworkGuess;
  plan: TestFilePlan;
  uri: vscode.Uri;
  /** The source file as seen from the test file's folder. */
  sourceFromTest: string;
}

/** Undefined when the source is not saved inside a workspace folder, so there is no place for tests. */
export async function findTestFileTarget(source: vscode.TextDocument, token?: vscode.CancellationToken): Promise<TestFileTarget | undefined> {
  const folder = vscode.workspace.getWorkspaceFolder(source.uri);
  if (!folder || source.isUntitled) return undefined;
  const sourcePath = vscode.workspace.asRelativePath(source.uri, false);

  const found = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, TEST_FILE_GLOB), IGNORED_DIRS, MAX_TEST_FILES, token);
  const testFiles = found.map((uri) => vscode.workspace.asRelativePath(uri, false)).sort();
  const facts: ProjectFacts = { languageId: source.languageId, testFiles };
  if (source.languageId === 'python') {
    facts.pythonConfig = await readAll(PYTHON_CONFIG_FILES.map((name) => vscode.Uri.joinPath(folder.uri, name)));
    const sample = testFiles.find((file) => /(^|\/)test_[^/]+\.py$|_test\.py$/.test(file));
    if (sample) facts.sampleTestText = (await readAll([vscode.Uri.joinPath(folder.uri, sample)]))[0];
  } else {
    facts.packageJson = await nearestPackageJson(folder.uri, splitPath(sourcePath).dir);
  }

  const framework = detectTestFramework(facts);
  const plan = planTestFile(sourcePath, framework.framework, testFiles);
  return {
    framework,
    plan,
    uri: vscode.Uri.joinPath(folder.uri, plan.path),
    sourceFromTest: relativePath(splitPath(plan.path).dir, sourcePath),
  };
}

/** Walks up from the source's folder to the workspace folder; the first package.json wins. */
async function nearestPackageJson(root: vscode.Uri, dir: string): Promise<string | undefined> {
  const segments = dir ? dir.split('/') : [];
  for (let depth = segments.length; depth >= 0; depth--) {
    const candidate = vscode.Uri.joinPath(root, ...segments.slice(0, depth), 'package.json');
    const [text] = await readAll([candidate]);
    if (text !== undefined) return text;
  }
  return undefined;
}

async function readAll(uris: vscode.Uri[]): Promise<string[]> {
  const texts: string[] = [];
  for (const uri of uris) {
    try {
      const bytes = await vscode.workspace.fs.readFile(uri);
      // Config files are small; cap anyway so a huge file cannot flood the prompt.
      texts.push(new TextDecoder().decode(bytes.subarray(0, 64 * 1024)));
    } catch {
      // Missing files are the normal case.
    }
  }
  return texts;
}
