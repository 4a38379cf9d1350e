// Two bundles: the extension host (Node, CJS, `vscode` external) and the chat webview (browser).
// `--production` minifies and drops source maps; `--watch` rebuilds on change; `--outdir <dir>`
// builds somewhere other than dist/ (the benchmarks package a production build without touching
// the dist/ the tests use); `--analyze` prints what each bundle is made of, by package.
//
// Most of the code in node_modules is loaded only when it is used, from files of its own next to
// the extension bundle (dist/lazy/): the Gemini SDK (on the first request, never at activation),
// undici (only when a proxy is configured, src/gemini/proxy.ts), google-auth-library with its
// HTTP stack (only in Vertex AI mode, src/gemini/vertex.ts), re2js and picomatch (search_text's
// regexes, the tools' globs). Inlined, they were 85% of
// extension.js, and the host parses all of a bundle before it can call activate(). The SDK's
// static `import { GoogleAuth }` gets a stand-in that loads the real class on first construction;
// its `ws` import (the Live API, which we never call) a stand-in that says so.
import * as esbuild from 'esbuild';
import { rmSync } from 'node:fs';

const args = process.argv.slice(2);
const production = args.includes('--production');
const watch = args.includes('--watch');
const analyze = args.includes('--analyze');
const outdir = args.includes('--outdir') ? args[args.indexOf('--outdir') + 1] : 'dist';
const common = { bundle: true, minify: production, sourcemap: !production, logLevel: analyze ? 'warning' : 'info', legalComments: 'none', metafile: analyze };
const node = { ...common, platform: 'node', format: 'cjs', target: 'node20' };

/** Packages loaded from their own file on first use: import name -> file under <outdir>/lazy/. */
const LAZY = { '@google/genai': 'genai.js', undici: 'undici.js', 'google-auth-library': 'google-auth.js', re2js: 're2js.js', 'picomatch/posix': 'picomatch.js' };

/** The module that stands in for `name` inside a bundle whose lazy files are at `dir` ('./lazy/' or './'). */
function standIn(name, dir) {
  // Every \`import * as vscode\` of a CJS module would copy the whole API object into a namespace
  // of its own (two dozen copies of hundreds of properties at load); through this module, once.
  if (name === 'vscode') return `export * from 'vscode';`;
  if (name === 'ws') {
    return `export class WebSocket {
  constructor() { throw new Error('The Gemini Live API (WebSocket) is not part of this extension build.'); }
}`;
  }
  if (name === 'google-auth-library') {
    return `let library;
const load = () => (library ??= require('${dir}${LAZY[name]}'));
// A constructor that returns the real GoogleAuth: callers get the library's own object.
export class GoogleAuth { constructor(options) { return new (load().GoogleAuth)(options); } }`;
  }
  if (name === 're2js') {
    // search_text's regex engine, needed by the first regex or case-insensitive search. Only the
    // class's static members are used (compile, flags): each read loads the real class first.
    return `let library;
const load = () => (library ??= require('${dir}${LAZY[name]}')).RE2JS;
export const RE2JS = new Proxy(function RE2JS() {}, {
  get(_target, key) {
    const real = load();
    const value = real[key];
    return typeof value === 'function' ? value.bind(real) : value;
  },
});`;
  }
  if (name === 'picomatch/posix') {
    // Globs of find_files and search_text: only ever called as picomatch(glob, options).
    return `export default function picomatch(...args) { return require('${dir}${LAZY[name]}')(...args); }`;
  }
  // A plain require inside the bundle, so \`await import(name)\` still sees the named exports.
  return `module.exports = require('${dir}${LAZY[name]}');`;
}

/**
 * Routes the lazy packages (except the one a lazy file is made of) to their files, `ws` to its
 * stand-in and, in the extension bundle, `vscode` through one shared namespace.
 */
function lazyPackages(dir, own) {
  const names = [...Object.keys(LAZY), 'ws'].filter((name) => name !== own);
  const filter = new RegExp(`^(${names.map((name) => name.replace(/[/]/g, '\\/')).join('|')})$`);
  return {
    name: 'lazy-packages',
    setup(build) {
      build.onResolve({ filter: /^\.\.?\/(lazy\/)?[\w-]+\.js$/, namespace: 'stand-in' }, (args) => ({ path: args.path, external: true }));
      build.onResolve({ filter }, (args) => ({ path: args.path, namespace: 'stand-in' }));
      if (own === undefined) {
        build.onResolve({ filter: /^vscode$/ }, (args) => (args.namespace === 'stand-in' ? { path: 'vscode', external: true } : { path: 'vscode', namespace: 'stand-in' }));
      }
      build.onLoad({ filter: /.*/, namespace: 'stand-in' }, (args) => ({ contents: standIn(args.path, dir), loader: 'js', resolveDir: process.cwd() }));
    },
  };
}

const lazyBuilds = Object.entries(LAZY).map(([name, file]) => ({
  ...node,
  stdin: { contents: `module.exports = require(${JSON.stringify(name)});`, resolveDir: process.cwd(), sourcefile: `lazy-${file}` },
  outfile: `${outdir}/lazy/${file}`,
  plugins: [lazyPackages('./', name)],
}));

/** The activation shell requires the core bundle beside it at first use (src/vscode/lazyCore.ts). */
const coreApart = {
  name: 'core-apart',
  setup(build) {
    build.onResolve({ filter: /^\.\/core\.js$/ }, (args) => ({ path: args.path, external: true }));
  },
};

const builds = [
  { ...node, entryPoints: ['src/extension.ts'], outfile: `${outdir}/extension.js`, external: ['vscode'], plugins: [coreApart, lazyPackages('./lazy/')] },
  { ...node, entryPoints: ['src/core.ts'], outfile: `${outdir}/core.js`, external: ['vscode'], plugins: [lazyPackages('./lazy/')] },
  ...lazyBuilds,
  // search_text's regex worker thread (src/node/regexPool.ts starts it from dist/lazy/).
  { ...node, entryPoints: ['src/node/regexWorker.ts'], outfile: `${outdir}/lazy/regexWorker.js`, plugins: [lazyPackages('./')] },
  { ...common, entryPoints: ['src/webview/main.ts'], outfile: `${outdir}/webview.js`, platform: 'browser', format: 'iife', target: 'es2022' },
];

if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
} else {
  // A production build must not leave the previous build's source maps beside the bundles.
  rmSync(outdir, { recursive: true, force: true });
  const results = await Promise.all(builds.map((options) => esbuild.build(options)));
  if (analyze) for (const result of results) printComposition(result.metafile);
}

/** Bytes each package contributes to each output file, largest first. */
function printComposition(metafile) {
  for (const [file, output] of Object.entries(metafile.outputs)) {
    if (file.endsWith('.map')) continue;
    const byPackage = new Map();
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const name = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1] ?? (input.startsWith('src/') ? 'src (ours)' : input);
      byPackage.set(name, (byPackage.get(name) ?? 0) + bytesInOutput);
    }
    console.log(`${file}: ${(output.bytes / 1024).toFixed(1)} KB`);
    for (const [name, bytes] of [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 12)) {
      console.log(`  ${(bytes / 1024).toFixed(1).padStart(8)} KB  ${name}`);
    }
  }
}
