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
  'gemini.showChatHistory': { title: 'Show Chat History', category: 'Gemini', icon: '$(history)' },
  'gemini.exportChat': { title: 'Export Chat as Markdown', category: 'Gemini', icon: '$(export)' },
  'gemini.selectModel': { title: 'Select Model', category: 'Gemini' },
  'gemini.selectChatTools': { title: 'Select Tools for the Chat…', category: 'Gemini', icon: '$(tools)' },
  'gemini.showLog': { title: 'Show Log', category: 'Gemini' },
  'gemini.explainSelection': { title: 'Explain Selection', category: 'Gemini' },
  'gemini.refactorSelection': { title: 'Refactor Selection…', category: 'Gemini' },
  'gemini.documentSelection': { title: 'Add Documentation to Selection', category: 'Gemini' },
  'gemini.writeTests': { title: 'Write Tests', category: 'Gemini' },
  'gemini.fixDiagnostic': { title: 'Fix Problem at Cursor', category: 'Gemini' },
  'gemini.acceptProposal': { title: 'Accept Proposed Change', category: 'Gemini', icon: '$(check)' },
  'gemini.rejectProposal': { title: 'Reject Proposed Change', category: 'Gemini', icon: '$(close)' },
  'gemini.editInline': { title: 'Edit with Gemini…', category: 'Gemini', icon: '$(sparkle)' },
  'gemini.acceptInlineEdit': { title: 'Accept Inline Proposal', category: 'Gemini', icon: '$(check)' },
  'gemini.rejectInlineEdit': { title: 'Reject Inline Proposal', category: 'Gemini', icon: '$(close)' },
  'gemini.followUpInlineEdit': { title: 'Follow Up on Inline Proposal…', category: 'Gemini', icon: '$(comment)' },
  'gemini.explainInlineReply': { title: 'Ask', category: 'Gemini', hidden: true },
  'gemini.explainInlineContinueInChat': { title: 'Continue in Chat', category: 'Gemini', icon: '$(comment-discussion)', hidden: true },
  'gemini.explainInlineClose': { title: 'Close Explanation', category: 'Gemini', icon: '$(close)', hidden: true },
  'gemini.cancelEditorAction': { title: 'Cancel Editor Action', category: 'Gemini' },
  'gemini.generateCommitMessage': { title: 'Generate Commit Message', category: 'Gemini', icon: '$(sparkle)' },
  'gemini.toggleCompletions': { title: 'Toggle Inline Completions', category: 'Gemini' },
  'gemini.indexWorkspace': { title: 'Index Workspace for Semantic Search', category: 'Gemini', icon: '$(database)' },
  'gemini.toggleCompletionsForLanguage': { title: 'Toggle Inline Completions for This Language', category: 'Gemini' },
} as const satisfies Record<string, CommandSpec>;

export type CommandId = keyof typeof COMMANDS;
