// What `npm run package` puts in the .vsix: the bundles, media and the manifest files, nothing
// else — no sources, tests, source maps or node_modules. Uses vsce's own file listing, which
// applies .vscodeignore exactly as packaging does.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { listFiles } from '@vscode/vsce';

const root = path.resolve(__dirname, '..', '..', '..');

const ALLOWED: RegExp[] = [
  /^package\.json$/, /^package\.nls(\.[a-z-]+)?\.json$/, /^README\.md$/, /^CHANGELOG\.md$/, /^LICENSE$/,
  /^dist\/(extension|core|webview)\.js$/, /^dist\/lazy\/[\w-]+\.js$/, /^dist\/[\w-]+\.(css|ttf)$/,
  /^media\/[\w-]+\.(png|svg|css)$/, /^media\/walkthrough\/[\w-]+(\.nls\.[a-z-]+)?\.md$/,
  /^media\/codicons\/(codicon\.(css|ttf)|LICENSE(-CODE)?)$/,
  /^l10n\/bundle\.l10n(\.[a-z-]+)?\.json$/,
];
const REQUIRED = ['package.json', 'package.nls.json', 'README.md', 'LICENSE', 'CHANGELOG.md', 'dist/extension.js', 'dist/core.js', 'dist/webview.js', 'media/icon.png'];

describe('the .vsix contents', function () {
  this.timeout(60_000);
  let files: string[];

  before(async () => {
    files = (await listFiles({ cwd: root, packagedDependencies: [] })).map((file) => file.replace(/\\/g, '/'));
  });

  it('holds only allow-listed files', () => {
    assert.deepEqual(files.filter((file) => !ALLOWED.some((pattern) => pattern.test(file))), []);
  });

  it('holds the bundles, manifest, licence and icon', () => {
    assert.deepEqual(REQUIRED.filter((file) => !files.includes(file)), [], 'missing (run npm run build first)');
  });

  it('ships no source maps, TypeScript sources, tests or node_modules', () => {
    assert.deepEqual(files.filter((file) => /\.map$|\.ts$|^(src|test|out|node_modules|scripts|docs)\//.test(file)), []);
  });
});
