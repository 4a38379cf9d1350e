// A real workspace on disk for the tool tests: ignore files at several levels, secrets, binary
// and large files, and real symlinks pointing in and out. The port is wrapped to count reads,
// so a refusal can be shown to have read nothing.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Logger } from '../../../src/common/logger';
import { ToolExecution } from '../../../src/gemini/turnContract';
import { ApprovalAnswer, ApprovalRequest, ToolApprover } from '../../../src/tools/approval';
import { ToolSettings } from '../../../src/tools/context';
import { NodeFolder, NodeWorkspaceExtras, NodeWorkspacePort } from '../../../src/tools/nodeWorkspacePort';
import { ToolRegistry } from '../../../src/tools/registry';
import { SearchServices } from '../../../src/tools/searchBackend';
import { ByteRange, WorkspaceLocation } from '../../../src/tools/workspacePort';

export const SECRET_VALUE = 'hunter2-SECRET-VALUE';
export const BIG_LINES = 20_000;

export interface Sandbox {
  root: string;
  ws: string;
  ws2: string;
  outside: string;
  cleanup(): void;
}

function write(file: string, content: string | Buffer): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
}

export function bigFileLine(n: number): string {
  return `line ${n} of the big file`;
}

export function makeSandbox(): Sandbox {
  const root = mkdtempSync(path.join(tmpdir(), 'gemini-tools-'));
  const ws = path.join(root, 'ws');
  const ws2 = path.join(root, 'ws2');
  const outside = path.join(root, 'outside');
  const files: Record<string, string | Buffer> = {
    '.gitignore': 'dist/\n*.log\n!keep.log\n',
    '.geminiignore': 'private/\n',
    'README.md': '# Demo\nA demo workspace.\n',
    'src/index.ts': "import { add } from './util/math';\n// needle: the entry point\nexport const total = add(1, 2);\nconsole.log('Needle in caps');\n",
    'src/util/math.ts': 'export function add(a: number, b: number): number {\n  return a + b;\n}\n',
    'src/nested/.gitignore': 'generated.ts\n',
    'src/nested/generated.ts': 'export const generated = "needle";\n',
    'src/nested/kept.ts': 'export const kept = true;\n',
    'dist/bundle.js': 'var needle = 1;\n',
    'app.log': 'needle in a log\n',
    'keep.log': 'kept log line\n',
    'private/notes.md': 'private needle\n',
    'build-out/x.txt': 'excluded needle\n',
    'scratch.tmp': 'tmp needle\n',
    '.env': `API_KEY=${SECRET_VALUE}\n`,
    '.env.example': 'API_KEY=\n',
    'certs/server.pem': `-----BEGIN PRIVATE KEY-----\n${SECRET_VALUE}\n`,
    'id_rsa': `${SECRET_VALUE}\n`,
    'id_rsa.pub': 'ssh-rsa AAAA public\n',
    'image.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x0d, 0x0a, 0x6e, 0x65, 0x65, 0x64, 0x6c, 0x65]),
    'empty.txt': '',
    'minified.js': `${'x'.repeat(5000)}\nsecond line\n`,
    'no-newline.txt': 'first\nlast without newline',
    'big.txt': Array.from({ length: BIG_LINES }, (_, i) => bigFileLine(i + 1)).join('\n') + '\n',
    '.git/config': '[core]\n',
  };
  for (const [name, content] of Object.entries(files)) write(path.join(ws, name), content);
  write(path.join(outside, 'secret.txt'), `outside ${SECRET_VALUE}\n`);
  write(path.join(ws2, 'lib/b.ts'), 'export const b = "needle from ws2";\n');
  symlinkSync(path.join(outside, 'secret.txt'), path.join(ws, 'link-out'));
  symlinkSync(outside, path.join(ws, 'link-dir-out'));
  symlinkSync(path.join(ws, 'src/index.ts'), path.join(ws, 'link-in.ts'));
  symlinkSync(path.join(ws, '.env'), path.join(ws, 'link-to-env'));
  symlinkSync(path.join(ws, 'dist/bundle.js'), path.join(ws, 'link-to-dist.js'));
  symlinkSync(path.join(ws, 'src'), path.join(ws, 'link-src'));
  return { root, ws, ws2, outside, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

export interface ReadRecord {
  path: string;
  range?: ByteRange;
  bytes: number;
}

/** Counts every read that goes through the port. */
export class CountingPort extends NodeWorkspacePort {
  readonly reads: ReadRecord[] = [];
  readonly listings: string[] = [];

  constructor(folders: readonly NodeFolder[], extras?: NodeWorkspaceExtras) {
    super(folders, extras);
  }

  override async readFile(location: WorkspaceLocation, range?: ByteRange): Promise<Uint8Array> {
    const bytes = await super.readFile(location, range);
    this.reads.push({ path: `${location.folder.name}/${location.path}`, range, bytes: bytes.length });
    return bytes;
  }

  override async readFileIfSmall(location: WorkspaceLocation, maxBytes: number): Promise<Uint8Array | undefined> {
    const bytes = await super.readFileIfSmall(location, maxBytes);
    this.reads.push({ path: `${location.folder.name}/${location.path}`, range: { offset: 0, length: maxBytes }, bytes: bytes?.length ?? 0 });
    return bytes;
  }

  override async readDirectory(location: WorkspaceLocation) {
    this.listings.push(`${location.folder.name}/${location.path}`);
    return super.readDirectory(location);
  }

  /** Reads of anything but the ignore rule files the policy itself consults. */
  contentReads(): ReadRecord[] {
    return this.reads.filter((r) => !/(^|\/)\.(git|gemini)ignore$/.test(r.path));
  }
}

export class ScriptedApprover implements ToolApprover {
  readonly requests: ApprovalRequest[] = [];
  constructor(public answer: ApprovalAnswer = 'deny') {}
  async approve(request: ApprovalRequest): Promise<ApprovalAnswer> {
    this.requests.push(request);
    return this.answer;
  }
}

export class MemoryLogger implements Logger {
  readonly lines: string[] = [];
  debug(m: string) { this.lines.push(`debug ${m}`); }
  info(m: string) { this.lines.push(`info ${m}`); }
  warn(m: string) { this.lines.push(`warn ${m}`); }
  error(m: string) { this.lines.push(`error ${m}`); }
}

export const DEFAULT_TEST_SETTINGS: ToolSettings = { enabled: true, approval: 'auto', maxFileBytes: 64 * 1024, maxResultBytes: 16 * 1024 };

export interface Harness {
  port: CountingPort;
  registry: ToolRegistry;
  approver: ScriptedApprover;
  logger: MemoryLogger;
  settings: ToolSettings;
  call(name: string, args?: unknown, signal?: AbortSignal): Promise<ToolExecution>;
}

export interface HarnessOptions {
  folders?: NodeFolder[];
  extras?: NodeWorkspaceExtras;
  settings?: Partial<ToolSettings>;
  answer?: ApprovalAnswer;
  /** ripgrep and the regex worker; default: none (the Node walker, regexes on this thread). */
  search?: SearchServices;
}

export const WORKSPACE_EXCLUDES = ['build-out', '**/*.tmp'];

export function harness(sandbox: Sandbox, options: HarnessOptions = {}): Harness {
  const port = new CountingPort(options.folders ?? [{ path: sandbox.ws }], options.extras ?? { exclude: { '*': WORKSPACE_EXCLUDES } });
  const approver = new ScriptedApprover(options.answer ?? 'deny');
  const logger = new MemoryLogger();
  const settings = { ...DEFAULT_TEST_SETTINGS, ...options.settings };
  const registry = new ToolRegistry({ port, settings: () => settings, approver, logger, search: options.search });
  let counter = 0;
  return {
    port, registry, approver, logger, settings,
    call: (name, args = {}, signal = new AbortController().signal) =>
      registry.execute({ id: `t${counter++}`, name, args: args as Record<string, unknown> }, signal),
  };
}

export function outputOf(result: ToolExecution): string {
  if (!result.ok) throw new Error(`expected success, got error: ${String(result.response.error)}`);
  return String(result.response.output);
}

export function errorOf(result: ToolExecution): string {
  if (result.ok) throw new Error(`expected a refusal, got output: ${String(result.response.output).slice(0, 200)}`);
  return String(result.response.error);
}
