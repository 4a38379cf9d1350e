// What the editor knows beyond file contents: diagnostics, open editors, the selection. The same
// policy holds: only workspace files, never ignored ones, sensitive ones only with a yes.
import { l10n } from '../common/l10n';
import { ToolCallContext } from './context';
import { describeVerdict } from './ignoreRules';
import { checkLinks, resolveExisting } from './pathPolicy';
import { privateKeyRule, sensitiveMatchedFile, sensitiveRule } from './sensitiveFiles';
import { ParamSpecs } from './schema';
import { defineTool } from './tool';
import { OutputBudget, ToolError, clipToBytes, plural, utf8Length } from './text';
import { ActiveSelection, DiagnosticSeverity, WorkspaceLocation } from './workspacePort';

const SEVERITY_RANK: Record<DiagnosticSeverity, number> = { error: 0, warning: 1, info: 2, hint: 3 };

/** Whether a location the editor reported may be shown: not ignored, not a link out. */
async function visible(ctx: ToolCallContext, location: WorkspaceLocation | undefined): Promise<'ok' | 'outside' | 'hidden'> {
  if (!location) return 'outside';
  if (await ctx.rules.verdict(location, false)) return 'hidden';
  const link = await checkLinks(ctx, location, false, false);
  return link.ok ? 'ok' : 'hidden';
}

const diagnosticsParams = {
  path: { type: 'string', description: 'A file or directory to report on. Default: the whole workspace.' },
  minSeverity: { type: 'string', enum: ['error', 'warning', 'info', 'hint'], description: "Least severe level to include. Default 'info'." },
} satisfies ParamSpecs;

export const getDiagnosticsTool = defineTool({
  name: 'get_diagnostics',
  description: 'Problems (errors, warnings) the editor currently reports, as "path:line:column severity message [source code]". For one file, a directory, or the whole workspace.',
  params: diagnosticsParams,
  async prepare(args, ctx) {
    const min = SEVERITY_RANK[(args.minSeverity ?? 'info') as DiagnosticSeverity];
    const target = args.path ? await resolveExisting(ctx, args.path, 'any') : undefined;
    return {
      describe: target ? l10n.t('read diagnostics of {0}', target.display) : l10n.t('read diagnostics of the workspace'),
      sensitiveFiles: [],
      run: async () => {
        const file = target?.stat.kind === 'file' ? target.location : undefined;
        const reports = await ctx.port.diagnostics(file);
        const budget = new OutputBudget(ctx.settings.maxResultBytes - 200);
        let shown = 0;
        let withheld = 0;
        for (const report of reports) {
          const location = report.location;
          if (target && (!location || location.folder.index !== target.location.folder.index || !isWithin(location.path, target.location.path))) continue;
          const wanted = report.diagnostics.filter((d) => SEVERITY_RANK[d.severity] <= min);
          if (wanted.length === 0) continue;
          if ((await visible(ctx, location)) !== 'ok' || sensitiveRule(location!.path)) { withheld += wanted.length; continue; }
          for (const d of wanted) {
            const tag = [d.source, d.code].filter(Boolean).join(' ');
            budget.add(`${ctx.display(location!)}:${d.line}:${d.column} ${d.severity} ${oneLine(d.message)}${tag ? ` [${tag}]` : ''}`);
            shown++;
          }
        }
        const where = target ? target.display : 'the workspace';
        const body = shown === 0 ? `No problems reported in ${where}.` : budget.render('diagnostics', 'ask for one file or a higher minSeverity');
        const note = withheld ? `\n(${plural(withheld, 'diagnostic')} in ignored, sensitive or out-of-workspace files not shown)` : '';
        const shownWhere = target ? target.display : l10n.t('the workspace');
        return { output: body + note, summary: shown === 1 ? l10n.t('1 diagnostic in {0}', shownWhere) : l10n.t('{0} diagnostics in {1}', shown, shownWhere) };
      },
    };
  },
});

function isWithin(path: string, scope: string): boolean {
  return !scope || path === scope || path.startsWith(`${scope}/`);
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ');
}

export const getOpenEditorsTool = defineTool({
  name: 'get_open_editors',
  description: 'The files open in editor tabs: path, language, whether modified, which one is active. Use it to learn what the user is working on.',
  params: {},
  async prepare(_args, ctx) {
    return {
      describe: l10n.t('list the open editor tabs'),
      sensitiveFiles: [],
      run: async () => {
        const editors = await ctx.port.openEditors();
        const budget = new OutputBudget(ctx.settings.maxResultBytes - 200);
        let outside = 0;
        for (const editor of editors) {
          const state = await visible(ctx, editor.location);
          const untitled = editor.uri.startsWith('untitled:');
          if (state === 'hidden' || (state === 'outside' && !untitled)) { outside++; continue; }
          const name = editor.location ? ctx.display(editor.location) : editor.label;
          const flags = [editor.languageId, editor.kind !== 'text' ? editor.kind : '', editor.isDirty ? 'unsaved changes' : '', editor.isActive ? 'active' : '', editor.isVisible ? 'visible' : '']
            .filter(Boolean).join(', ');
          budget.add(`${editor.isActive ? '* ' : '  '}${name}  (group ${editor.group}${flags ? `, ${flags}` : ''})`);
        }
        const body = budget.lineCount === 0 ? 'No workspace files are open.' : budget.render('editors');
        const note = outside ? `\n(${plural(outside, 'tab')} outside the workspace or ignored not shown)` : '';
        return { output: body + note, summary: budget.lineCount === 1 ? l10n.t('1 open editor') : l10n.t('{0} open editors', budget.lineCount) };
      },
    };
  },
});

export const getSelectionTool = defineTool({
  name: 'get_selection',
  description: "The active editor's file, cursor position and selected text. Use it when the user refers to 'this code' or 'the selection'.",
  params: {},
  async prepare(_args, ctx) {
    const active = await ctx.port.activeSelection();
    if (!active) {
      return { describe: l10n.t('read the selection (no editor is active)'), sensitiveFiles: [], run: async () => ({ output: 'No text editor is active.', summary: l10n.t('no active editor') }) };
    }
    let linkRule: string | undefined;
    if (!active.untitled) {
      if (!active.location) throw new ToolError('get_selection: the active editor shows a file outside the workspace; workspace tools only read workspace files.');
      const hidden = await ctx.rules.verdict(active.location, false);
      if (hidden) throw new ToolError(`get_selection: the active file '${ctx.display(active.location)}' is excluded by ${describeVerdict(hidden)}.`);
      const link = await checkLinks(ctx, active.location, false, false);
      if (!link.ok) throw new ToolError(`get_selection: the active file '${ctx.display(active.location)}' is refused: ${link.reason}`);
      linkRule = link.sensitiveRule;
    }
    const name = active.location ? ctx.display(active.location) : active.uri;
    const rule = active.location ? linkRule ?? sensitiveRule(active.location.path) ?? await sensitiveByContentOrLinks(ctx, active) : undefined;
    return {
      describe: l10n.t('read the selection in {0}', name),
      sensitiveFiles: rule && active.location ? [{ location: active.location, display: name, rule }] : [],
      run: async () => {
        const lines = [`${name} (${active.languageId}, ${active.lineCount} lines)`];
        let room = ctx.settings.maxResultBytes - 300;
        let cut = false;
        for (const s of active.selections) {
          const range = s.text ? `selection ${s.startLine}:${s.startColumn}-${s.endLine}:${s.endColumn}` : `cursor at ${s.startLine}:${s.startColumn} (nothing selected)`;
          lines.push(range);
          if (!s.text) continue;
          const text = clipToBytes(s.text, Math.max(0, room));
          room -= utf8Length(text);
          if (text.length < s.text.length) cut = true;
          lines.push(text);
        }
        if (cut) lines.push(`[… truncated: the selection is larger than one result; use read_file on ${name} with startLine/endLine]`);
        return { output: lines.join('\n'), summary: l10n.t('read the selection in {0}', name) };
      },
    };
  },
});

/** A workspace file whose first bytes are a PEM private key or that has several hard links, or a selection that is a key. */
async function sensitiveByContentOrLinks(ctx: ToolCallContext, active: ActiveSelection): Promise<string | undefined> {
  const bySelection = active.selections.map((s) => privateKeyRule(new TextEncoder().encode(s.text))).find(Boolean);
  if (bySelection || !active.location) return bySelection;
  return sensitiveMatchedFile(ctx.port, active.location).then((rule) => (rule?.startsWith('unreadable') ? undefined : rule));
}
