// Where inline completions never run, whatever the settings: outside real editor documents (the
// chat input, output panes, diffs of git objects), in user or workspace settings files (they hold
// tokens), in files the tools treat as sensitive (.env, keys, credentials), and in very large
// files. Ignored files (.gitignore, .geminiignore, files.exclude) are checked by the VS Code glue
// with the tools' own rules (src/tools/ignoreRules.ts). Pure: no `vscode` import.
import { sensitiveRule } from '../tools/sensitiveFiles';
import { COMPLETION_SCHEMES } from './languages';

/** Documents longer than this (in characters) get no completions. */
export const MAX_COMPLETION_DOCUMENT_CHARS = 512 * 1024;

export interface DocumentFacts {
  scheme: string;
  /** Workspace-folder-relative path with `/`, or the file name when outside every folder. */
  path: string;
  languageId: string;
  length: number;
}

/** Settings files that commonly hold tokens (VS Code's, editors', package managers' are in sensitiveFiles). */
function isSettingsFile(path: string): boolean {
  const lower = path.toLowerCase();
  const name = lower.slice(lower.lastIndexOf('/') + 1);
  return /(^|\/)\.vscode\/[^/]+\.json$/.test(lower) || name.endsWith('.code-workspace') || name === 'settings.json'
    || /(^|\/)\.(cursor|idea|zed|continue)\//.test(lower) || /(^|\/)(mcp|\.mcp)\.json$/.test(lower);
}

/** Why no completion may be made in this document, or undefined when one may. */
export function completionRefusal(facts: DocumentFacts): string | undefined {
  if (!COMPLETION_SCHEMES.includes(facts.scheme)) return `not an editor file (${facts.scheme})`;
  if (facts.length > MAX_COMPLETION_DOCUMENT_CHARS) return `too large (${facts.length} characters)`;
  if (facts.scheme === 'untitled') return undefined;
  if (isSettingsFile(facts.path)) return 'a settings file (may hold secrets)';
  const rule = sensitiveRule(facts.path);
  if (rule) return `sensitive (${rule})`;
  return undefined;
}
