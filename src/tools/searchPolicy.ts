// The policy check every path a search backend proposes must pass, the same one the Node walker
// applies while it walks: hidden by an ignore rule (a file inside a hidden directory stays hidden,
// as in git), and for search_text a sensitive name or the include glob. Verdicts are cached per
// directory, so a listing of 200,000 files costs one rule test per file and per directory.
import { ToolCallContext } from './context';
import { DirectoryRules, IgnoreVerdict, matchBeyondGit, matchInDirectory } from './ignoreRules';
import { sensitiveRule } from './sensitiveFiles';
import { WorkspaceFolderInfo, parentPath } from './workspacePort';

interface DirectoryState {
  hidden: boolean;
  rules?: DirectoryRules;
}

export class PolicyFilter {
  private readonly directories = new Map<string, Promise<DirectoryState>>();
  /** The same states once settled, so most answers need no promise at all. */
  private readonly settled = new Map<string, DirectoryState>();

  private readonly match: (rules: DirectoryRules, path: string, isDirectory: boolean) => IgnoreVerdict | undefined;

  /**
   * `gitApplied`: the paths come from a ripgrep listing, which already left out what git's rules
   * and .git/ hide, so only .geminiignore and files.exclude are checked (a listing of 200,000
   * files would otherwise spend most of its time re-testing git's rules).
   */
  constructor(private readonly ctx: ToolCallContext, private readonly folder: WorkspaceFolderInfo, gitApplied = false) {
    this.match = gitApplied ? matchBeyondGit : matchInDirectory;
  }

  /** Whether an ignore rule hides the file at the folder-relative `path`. */
  hidden(path: string): boolean | Promise<boolean> {
    const parent = parentPath(path);
    const known = this.settled.get(parent);
    if (known) return this.fileHidden(known, path);
    return this.directory(parent).then((dir) => this.fileHidden(dir, path));
  }

  /** search_text's rule: visible, not sensitive by name. */
  async searchable(path: string): Promise<boolean> {
    if (sensitiveRule(path)) return false;
    return !(await this.hidden(path));
  }

  private fileHidden(dir: DirectoryState, path: string): boolean {
    return dir.hidden || this.match(dir.rules!, path, false) !== undefined;
  }

  private directory(path: string): Promise<DirectoryState> {
    let state = this.directories.get(path);
    if (!state) {
      state = this.load(path).then((loaded) => { this.settled.set(path, loaded); return loaded; });
      this.directories.set(path, state);
    }
    return state;
  }

  private async load(path: string): Promise<DirectoryState> {
    const location = { folder: this.folder, path };
    if (!path) return { hidden: false, rules: await this.ctx.rules.rulesFor(location) };
    const parent = await this.directory(parentPath(path));
    if (parent.hidden || this.match(parent.rules!, path, true)) return { hidden: true };
    return { hidden: false, rules: await this.ctx.rules.rulesFor(location) };
  }
}
