// The editor actions, their command ids and their code-action kinds, in one place so the code
// action provider, the command handlers and the tests agree. Pure: no `vscode` import.
import { l10n } from '../common/l10n';


export type EditAction = 'refactor' | 'document' | 'fix';
export type EditorAction = 'explain' | EditAction | 'tests';

export const ACTION_COMMANDS = {
  explain: 'gemini.explainSelection',
  refactor: 'gemini.refactorSelection',
  document: 'gemini.documentSelection',
  tests: 'gemini.writeTests',
  fix: 'gemini.fixDiagnostic',
} as const satisfies Record<EditorAction, string>;

export const PROPOSAL_COMMANDS = {
  accept: 'gemini.acceptProposal',
  reject: 'gemini.rejectProposal',
  cancel: 'gemini.cancelEditorAction',
} as const;

export const COMMIT_MESSAGE_COMMAND = 'gemini.generateCommitMessage';

/** The URI scheme of a proposed change's right-hand side in the diff preview. */
export const PROPOSAL_SCHEME = 'gemini-proposal';

/**
 * Code-action kinds. Selection actions are `refactor.rewrite.gemini.*` so they appear in the
 * Refactor menu; the fix is a plain `quickfix`. None is `source.*`, which is what
 * `editor.codeActionsOnSave` asks for, so saving a file never sends code to Gemini.
 */
export const CODE_ACTION_KINDS = {
  explain: 'refactor.rewrite.gemini.explain',
  refactor: 'refactor.rewrite.gemini.refactor',
  document: 'refactor.rewrite.gemini.document',
  tests: 'refactor.rewrite.gemini.tests',
  fix: 'quickfix',
} as const satisfies Record<EditorAction, string>;

/** Titles shown in the lightbulb menu. */
export const CODE_ACTION_TITLES: Record<EditorAction, string> = {
  explain: l10n.t('Explain with Gemini'),
  refactor: l10n.t('Refactor with Gemini…'),
  document: l10n.t('Add Documentation with Gemini'),
  tests: l10n.t('Write Tests with Gemini'),
  fix: l10n.t('Fix with Gemini'),
};

/** Words for the progress notification, e.g. "Gemini: refactoring utils.ts…". */
export const PROGRESS_VERBS: Record<EditorAction, string> = {
  explain: l10n.t('explaining'),
  refactor: l10n.t('refactoring'),
  document: l10n.t('documenting'),
  tests: l10n.t('writing tests for'),
  fix: l10n.t('fixing'),
};
