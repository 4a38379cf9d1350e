// The two git ignore sources that live outside the work tree's .gitignore files: the repository's
// `.git/info/exclude` (found through a `.git` file too, as in a linked worktree) and the user's
// global `core.excludesFile` (git's default: $XDG_CONFIG_HOME/git/ignore, else
// ~/.config/git/ignore). Read with node:fs, so only for folders on a local disk. Node-only, no vscode.
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** One rule file, in git's precedence order (later files win over earlier ones). */
export interface GitExcludeFile {
  /** How the rule file is named to the model: 'core.excludesFile' or '.git/info/exclude'. */
  label: 'core.excludesFile' | '.git/info/exclude';
  text: string;
}

export interface GitEnvironment {
  home: string;
  xdgConfigHome?: string;
}

const MAX_RULE_FILE_BYTES = 1024 * 1024;

export function gitEnvironment(env: NodeJS.ProcessEnv = process.env): GitEnvironment {
  return { home: env.HOME || os.homedir(), xdgConfigHome: env.XDG_CONFIG_HOME || undefined };
}

/** The global excludes file followed by info/exclude, each only when it exists. */
export async function readGitExcludes(folderPath: string, env: GitEnvironment = gitEnvironment()): Promise<GitExcludeFile[]> {
  const [global, info] = await Promise.all([readGlobalExcludes(env), readInfoExclude(folderPath)]);
  const files: GitExcludeFile[] = [];
  if (global !== undefined) files.push({ label: 'core.excludesFile', text: global });
  if (info !== undefined) files.push({ label: '.git/info/exclude', text: info });
  return files;
}

async function readGlobalExcludes(env: GitEnvironment): Promise<string | undefined> {
  const xdg = env.xdgConfigHome ?? path.join(env.home, '.config');
  // git reads the XDG config first and ~/.gitconfig after it: the later setting wins.
  let configured: string | undefined;
  for (const file of [path.join(xdg, 'git', 'config'), path.join(env.home, '.gitconfig')]) {
    const text = await readSmall(file);
    const value = text === undefined ? undefined : coreExcludesFile(text);
    if (value !== undefined) configured = value;
  }
  const file = configured !== undefined ? expandHome(configured, env.home) : path.join(xdg, 'git', 'ignore');
  return file ? readSmall(file) : undefined;
}

async function readInfoExclude(folderPath: string): Promise<string | undefined> {
  const dotGit = path.join(folderPath, '.git');
  const stat = await fs.lstat(dotGit).catch(() => undefined);
  if (!stat) return undefined;
  if (stat.isDirectory()) return readSmall(path.join(dotGit, 'info', 'exclude'));
  if (!stat.isFile()) return undefined;
  // A linked worktree: `.git` says "gitdir: <dir>", whose `commondir` names the shared repository.
  const pointer = /^gitdir:\s*(.+?)\s*$/m.exec((await readSmall(dotGit)) ?? '');
  if (!pointer) return undefined;
  const gitDir = path.resolve(folderPath, pointer[1]);
  const common = (await readSmall(path.join(gitDir, 'commondir')))?.trim();
  return readSmall(path.join(common ? path.resolve(gitDir, common) : gitDir, 'info', 'exclude'));
}

/** The value of core.excludesFile in one git config file's text; '' when it is set to nothing. */
export function coreExcludesFile(configText: string): string | undefined {
  let section = '';
  let value: string | undefined;
  for (const raw of configText.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[\s*([A-Za-z0-9.-]+)(\s+"[^"]*")?\s*\]\s*(.*)$/.exec(line);
    if (header) {
      section = header[2] ? `${header[1].toLowerCase()} sub` : header[1].toLowerCase();
      if (!header[3]) continue;
    }
    if (section !== 'core') continue;
    const entry = /^(?:\[[^\]]*\]\s*)?([A-Za-z][A-Za-z0-9-]*)\s*(?:=\s*(.*))?$/.exec(line);
    if (entry && entry[1].toLowerCase() === 'excludesfile') value = configValue(entry[2] ?? '');
  }
  return value;
}

/** A git config value: quotes removed, escapes resolved, a trailing comment dropped. */
function configValue(raw: string): string {
  let out = '';
  let quoted = false;
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i];
    if (ch === '"') { quoted = !quoted; continue; }
    if (!quoted && (ch === '#' || ch === ';')) break;
    if (ch === '\\' && i + 1 < raw.length) {
      const next = raw[++i];
      out += next === 'n' ? '\n' : next === 't' ? '\t' : next;
      continue;
    }
    out += ch;
  }
  return out.trim();
}

function expandHome(file: string, home: string): string {
  if (file === '~') return home;
  if (file.startsWith('~/')) return path.join(home, file.slice(2));
  return path.isAbsolute(file) ? file : '';
}

async function readSmall(file: string): Promise<string | undefined> {
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile() || stat.size > MAX_RULE_FILE_BYTES) return undefined;
    return await fs.readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}
