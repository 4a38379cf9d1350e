// The one table of commands. package.json's contributes.commands must match it
// (test/unit/manifest.test.ts fails on drift); extension.ts registers a handler for each id.

export interface CommandSpec {
  title: string;
  category: 'Gemini';
  icon?: string;
  /** Hidden from the command palette (needs context, e.g. a webview). */
  hidden?: boolean;
}

export const COMMANDS = {
  'gemini.setApiKey': { title: 'Set API Key', category: 'Gemini' },
  'gemini.clearApiKey': { title: 'Clear API Key', category: 'Gemini' },
  'gemini.openChat': { title: 'Open Chat', category: 'Gemini', icon: '$(comment-discussion)' },
  'gemini.newChat': { title: 'New Chat', category: 'Gemini', icon: '$(add)' },
  'gemini.selectModel': { title: 'Select Model', category: 'Gemini' },
  'gemini.showLog': { title: 'Show Log', category: 'Gemini' },
} as const satisfies Record<string, CommandSpec>;

export type CommandId = keyof typeof COMMANDS;
