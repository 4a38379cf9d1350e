// Finds user-facing strings that bypass localisation, with the compiler's own parser: a string or
// template literal in a place a person reads it (a notification and its buttons, a QuickPick or
// input box title/placeholder/prompt/item, a status bar text or tooltip, a code action or progress
// title, a webview element's text, title, aria-label or placeholder) that is not the message of a
// `vscode.l10n.t(…)` / `l10n.t(…)` call. l10n.test.ts runs it over src/vscode/** and
// src/webview/** and over planted code. A line with a `// l10n-ignore` comment is skipped (ids, key prefixes).
import * as ts from 'typescript';
import type { SourceTree } from './importRules';

export interface Bypass { file: string; line: number; text: string }

/** Where a literal counts as read by a person: called functions, properties, and whether named constants and text-named locals count. */
export interface ScanProfile {
  calls: ReadonlySet<string>;
  props: ReadonlySet<string>;
  /** `const SAVE = 'Save'`, `const label = …`: in the glue these hold UI texts; in the pure folders they are often prompts. */
  namedTexts: boolean;
  /** Module constants that hold texts a person reads (`const SAVE = 'Save'`, `const LABELS = {…}`). */
  constantTables: RegExp;
}

/** Calls whose arguments a person reads (by the called function or method name). */
const USER_CALLS = new Set([
  'showInformationMessage', 'showWarningMessage', 'showErrorMessage', 'setStatusBarMessage',
  'runTurnWithProgress', 'iconButton', 'h', 'append', 'createTextNode', 'CodeAction', 'ChatRejection',
  'progress', 'warning', 'MarkdownString', 'appendMarkdown', 'appendText', 'TreeItem', 'CodeLens', 'showNotice',
]);
/** Object properties and assigned members a person reads. */
const USER_PROPS = new Set([
  'title', 'placeHolder', 'placeholder', 'prompt', 'tooltip', 'label', 'detail', 'description',
  'message', 'text', 'textContent', 'innerText', 'aria-label', 'ariaLabel', 'validationMessage', 'invocationMessage',
  'pastTenseMessage', 'validateInput', 'saveLabel', 'openLabel', 'name', 'body', 'contextValueLabel',
]);
const USER_ATTRIBUTES = new Set(['title', 'aria-label', 'placeholder', 'alt']);

/** src/vscode/** and src/webview/**: every UI surface. */
export const GLUE_PROFILE: ScanProfile = { calls: USER_CALLS, props: USER_PROPS, namedTexts: true, constantTables: /^[A-Z][A-Z0-9_]+$/ };

/**
 * The pure folders, where much text is only for the model (prompts, tool results, tool
 * descriptions, ToolError): only the sinks that always reach a person. The constructors of the
 * errors the chat, the editor actions and VS Code's chat show as they are, and the fields of the
 * types the UI draws: a failure's or approval's `message`/`title`/`detail`, a picker option's
 * `label`, a control's `hint`, a tool call's `describe` (the approval's action line, VS Code's
 * invocation message) and `summary` (its line on the tool card). Never `description` (tool and setting
 * descriptions are the model's and the manifest's).
 */
export const PURE_PROFILE: ScanProfile = {
  calls: new Set(['ChatRejection', 'ProposalFormatError', 'VertexCredentialsError', 'FilesUnsupportedError', 'MissingApiKeyError', 'LmRequestError']),
  props: new Set(['message', 'title', 'detail', 'label', 'hint', 'tooltip', 'placeholder', 'question', 'userDetail', 'invocationMessage', 'describe', 'summary', 'approvalTitle']),
  namedTexts: false,
  constantTables: /^([A-Z0-9_]+_)?(LABELS|NOTES|MESSAGES|TITLES|HINTS)$/,
};

/** Names that stay as they are in every language. */
const BRANDS = new Set(['Gemini', 'Gemini for VS Code']);

/** Prose, not an id, glob or brand: after codicons `$(x)`, a word of two letters and a space or a capital. */
export function looksUserFacing(text: string): boolean {
  const plain = text.replace(/\$\([\w~-]+\)/g, ' ').trim();
  if (!/\p{L}{2,}/u.test(plain) || BRANDS.has(plain)) return false;
  if (/^[\w.\-/:#@]+$/.test(plain) && !/^\p{Lu}/u.test(plain)) return false;
  if (/^\S*[*{}/\\]\S*$/.test(plain)) return false;
  return true;
}

/** The text a person would read: a string's value, a template's fixed parts (substitutions are code). */
function literalText(node: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral | ts.TemplateExpression): string {
  if (!ts.isTemplateExpression(node)) return node.text;
  return [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join('');
}

/** `read ${path}`, `${n} files`: a template whose fixed text is a word joined to a value by a space reads as a sentence. */
function wordsAroundValues(node: ts.Node): boolean {
  if (!ts.isTemplateExpression(node)) return false;
  const parts = [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].map((part) => part.replace(/\$\([\w~-]+\)/g, ''));
  return parts.some((part) => /\p{L}{2,} $|^ \p{L}{2,}/u.test(part));
}

function isL10nCall(node: ts.Node): boolean {
  if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression)) return false;
  const callee = node.expression;
  if (callee.name.text !== 't') return false;
  const target = callee.expression;
  return (ts.isIdentifier(target) && target.text === 'l10n') || (ts.isPropertyAccessExpression(target) && target.name.text === 'l10n');
}

function calleeName(call: ts.CallExpression | ts.NewExpression): string | undefined {
  const callee = call.expression;
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  return undefined;
}

function propertyName(name: ts.PropertyName): string | undefined {
  return ts.isIdentifier(name) || ts.isStringLiteral(name) ? name.text : undefined;
}

/** `const SAVE_ANYWAY = 'Save Anyway'`, `const LABELS = { … }`: module constants named in capitals hold button and label texts. */
function isConstantTable(node: ts.Node | undefined, names: RegExp): boolean {
  return !!node && ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && names.test(node.name.text);
}

/** `const label = busy ? 'Stop' : 'Send'`: a local named like a text (label, title, message, *Label, *Hint, …). */
function isTextVariable(node: ts.Node): boolean {
  if (!ts.isVariableDeclaration(node) || !ts.isIdentifier(node.name)) return false;
  return USER_PROPS.has(node.name.text) || /(Label|Title|Message|Text|Tooltip|Hint|Note|Question)$/.test(node.name.text) || ['question', 'hint', 'note'].includes(node.name.text);
}

/** Whether the literal ends up where a person reads it, climbing through ?:, +, ??, ||, (), [], template spans. */
function inUserPlace(node: ts.Node, profile: ScanProfile): boolean {
  let child: ts.Node = node;
  for (let parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (ts.isParenthesizedExpression(parent) || ts.isTemplateSpan(parent) || ts.isTemplateExpression(parent) || ts.isArrayLiteralExpression(parent) || ts.isAsExpression(parent)) continue;
    if (ts.isConditionalExpression(parent) && child !== parent.condition) continue;
    // `validateInput: (text) => ok ? undefined : 'Letters only.'`: an arrow's expression body is what the property holds.
    if (ts.isArrowFunction(parent) && child === parent.body) continue;
    if (ts.isBinaryExpression(parent) && [ts.SyntaxKind.PlusToken, ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken].includes(parent.operatorToken.kind)) continue;
    if (ts.isPropertyAssignment(parent) && child === parent.initializer) {
      if (profile.props.has(propertyName(parent.name) ?? '')) return true;
      if (ts.isObjectLiteralExpression(parent.parent) && isConstantTable(parent.parent.parent, profile.constantTables)) return true;
      return false;
    }
    if (isConstantTable(parent, profile.constantTables) || (profile.namedTexts && isTextVariable(parent))) return true;
    if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && child === parent.right) {
      return ts.isPropertyAccessExpression(parent.left) && profile.props.has(parent.left.name.text);
    }
    if ((ts.isCallExpression(parent) || ts.isNewExpression(parent)) && child !== parent.expression) {
      const name = calleeName(parent);
      if (name === 'setAttribute') {
        const first = parent.arguments?.[0];
        return child === parent.arguments?.[1] && !!first && ts.isStringLiteral(first) && USER_ATTRIBUTES.has(first.text);
      }
      if (name === 'h' || name === 'iconButton') return parent.arguments?.[0] !== child;
      if (name === 'button') return parent.arguments?.[1] === child; // the webview cards' button(action, label, …)
      return profile.calls.has(name ?? '');
    }
    return false;
  }
  return false;
}

/** Every user-facing literal of the tree that no l10n.t call wraps, in file order. */
export function findBypasses(tree: SourceTree, profile: ScanProfile = GLUE_PROFILE): Bypass[] {
  const found: Bypass[] = [];
  for (const [file, text] of tree) {
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const lines = text.split('\n');
    const visit = (node: ts.Node): void => {
      if (isL10nCall(node)) return;
      if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) return;
      const literal = ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node);
      if (literal && (looksUserFacing(literalText(node)) || wordsAroundValues(node)) && inUserPlace(node, profile)) {
        const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
        if (!/\/\/ l10n-ignore\b/.test(lines[line - 1] ?? '')) found.push({ file, line, text: node.getText(source) });
        return;
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

/** The first argument of every `l10n.t` / `vscode.l10n.t` call whose message is a plain literal. */
export function l10nMessages(tree: SourceTree): { file: string; line: number; message: string }[] {
  const found: { file: string; line: number; message: string }[] = [];
  for (const [file, text] of tree) {
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (isL10nCall(node)) {
        const first = (node as ts.CallExpression).arguments[0];
        const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
        if (first && (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first))) found.push({ file, line, message: first.text });
        else found.push({ file, line, message: `<not a plain literal: ${first?.getText(source) ?? 'nothing'}>` });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}
