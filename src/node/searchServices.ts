// What the extension gives search_text and find_files beyond the WorkspacePort: VS Code's own
// ripgrep for local folders (found from the application root) and a worker thread for regexes
// that the Node walker still runs. Node-only, no vscode: the glue passes vscode.env.appRoot.
import type { SearchServices } from '../tools/searchBackend';
import { WorkerRegexRunner } from './regexPool';
import { findRipgrep } from './ripgrep/locate';
import { RipgrepBackend, RipgrepOptions } from './ripgrep/ripgrepBackend';

export interface SearchServiceOptions extends RipgrepOptions {
  /** VS Code's application root (vscode.env.appRoot), where its ripgrep lives. */
  appRoot?: string;
  /** A ripgrep binary to use instead of looking under appRoot. */
  ripgrep?: string;
  timeBudgetMs?: number;
}

export function createSearchServices(options: SearchServiceOptions = {}): SearchServices {
  const binary = options.ripgrep ?? findRipgrep(options.appRoot);
  return {
    textSearch: binary ? new RipgrepBackend(binary, { env: options.env, unsortedLineLimit: options.unsortedLineLimit, unsortedFileLimit: options.unsortedFileLimit }) : undefined,
    regexRunner: new WorkerRegexRunner(),
    timeBudgetMs: options.timeBudgetMs,
  };
}
