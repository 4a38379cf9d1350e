// Agent mode's write tools (edit_file, create_file, rename_file, delete_file) for VS Code's own
// agent, as language-model tools. prepareInvocation builds the proposal exactly as our chat does
// (the same tools, the same write policy: workspace only, no link out, ignore rules, never .git,
// size caps) and returns VS Code's confirmation showing it; invoke applies THAT proposal, once
// confirmed, through the same guarded apply as our Changes card (one WorkspaceEdit, refused when
// the file changed since). Sensitive files are asked about again in our own dialog. Nothing is
// written in Restricted Mode or on a read-only file system.
import * as vscode from 'vscode';
import type { Logger } from '../../common/logger';
import { ChangeSet } from '../../agent/changeSet';
import { appliedReport, writeConfirmation } from '../../agent/lmConfirmation';
import type { SettingsSource } from '../../config/settingValues';
import { callKey, lmToolName } from '../../lm/tools';
import type { ToolApprover } from '../../tools/approval';
import { ToolCallContext, toolSettingsFrom } from '../../tools/context';
import { ToolError } from '../../tools/text';
import { WORKSPACE_TOOLS } from '../../tools/table';
import type { WorkspaceTool } from '../../tools/tool';
import type { WorkspacePort } from '../../tools/workspacePort';
import type { LanguageModelTool, ToolApi } from '../native/lmApi';
import { applyAccepted } from './applyChanges';
import { agentUnavailable } from './availability';

export interface LmWriteToolsDeps {
  logger: Logger;
  settings: SettingsSource;
  port: WorkspacePort;
  /** Asked when VS Code did not show our confirmation, and again for a sensitive file. */
  approver: ToolApprover;
  /** Why writing is off here (default: Restricted Mode, read-only file systems). */
  unavailable?: () => string | undefined;
}

/** How long a proposal VS Code put to the user stays valid for the invocation that follows. */
const PROPOSAL_TTL_MS = 10 * 60_000;

interface Proposal {
  changes: ChangeSet;
  sensitiveRules: string[];
  /** VS Code showed our confirmation for it. */
  confirmed: boolean;
  at: number;
}

/** The write tools by their language-model names (gemini_edit_file, …). */
export function createWriteLanguageModelTools(deps: LmWriteToolsDeps): Map<string, LanguageModelTool> {
  const api = vscode as unknown as ToolApi;
  const unavailable = deps.unavailable ?? agentUnavailable;
  const proposals = new Map<string, Proposal>();

  /** Runs the tool into a ChangeSet of its own: nothing is written. Throws the refusal. */
  async function propose(tool: WorkspaceTool, input: unknown, token: vscode.CancellationToken): Promise<Omit<Proposal, 'confirmed' | 'at'>> {
    const values = deps.settings();
    const settings = toolSettingsFrom(values);
    if (!settings.enabled) throw new ToolError('Workspace tools are turned off in the settings (gemini.tools.enabled).');
    const changes = new ChangeSet();
    const controller = new AbortController();
    const cancelled = token.onCancellationRequested(() => controller.abort());
    try {
      const scope = { mode: 'agent' as const, changes, maxEditBytes: values['agent.maxFileBytes'] };
      const prepared = await tool.prepare(input, new ToolCallContext(deps.port, settings, controller.signal, deps.logger, scope));
      await prepared.run();
      if (controller.signal.aborted) throw new ToolError('Cancelled.');
      return { changes, sensitiveRules: prepared.sensitiveFiles.map((f) => f.rule) };
    } finally {
      cancelled.dispose();
    }
  }

  const take = (key: string): Proposal | undefined => {
    const found = proposals.get(key);
    proposals.delete(key);
    return found && Date.now() - found.at < PROPOSAL_TTL_MS ? found : undefined;
  };

  async function ask(tool: string, input: Record<string, unknown>, proposal: Omit<Proposal, 'confirmed' | 'at'>): Promise<boolean> {
    const confirmation = writeConfirmation(proposal.changes, proposal.sensitiveRules);
    const answer = await deps.approver.approve({
      tool, args: input, title: confirmation.title, detail: confirmation.message,
      reasons: proposal.sensitiveRules.length ? ['sensitiveFile'] : ['approvalModeAsk'], sensitiveFiles: [],
    }).catch(() => 'deny' as const);
    return answer !== 'deny';
  }

  const toolFor = (tool: WorkspaceTool): LanguageModelTool => ({
    async prepareInvocation(options, token) {
      const input = argsOf(options.input);
      if (unavailable()) return { invocationMessage: vscode.l10n.t('Gemini: {0}', tool.name) };
      try {
        const proposal = await propose(tool, input, token);
        const confirmation = writeConfirmation(proposal.changes, proposal.sensitiveRules);
        const now = Date.now();
        // Calls VS Code's user declined never reach invoke: forget them once they expire.
        for (const [key, kept] of proposals) if (now - kept.at >= PROPOSAL_TTL_MS) proposals.delete(key);
        proposals.set(callKey(tool.name, input), { ...proposal, confirmed: true, at: now });
        return { invocationMessage: confirmation.invocation, confirmationMessages: { title: confirmation.title, message: new vscode.MarkdownString(confirmation.message) } };
      } catch {
        // A refused path or invalid arguments: invoke refuses too, with the reason, to the model.
        return { invocationMessage: vscode.l10n.t('Gemini: {0}', tool.name) };
      }
    },
    async invoke(options, token) {
      const reason = unavailable();
      if (reason) throw new Error(`${reason} Nothing was written.`);
      const input = argsOf(options.input);
      let proposal = take(callKey(tool.name, input));
      if (!proposal) {
        // Not confirmed by VS Code (no prepareInvocation for this input): propose afresh and ask.
        const fresh = await propose(tool, input, token).catch((error: Error) => { throw new Error(error.message); });
        if (!(await ask(tool.name, input, fresh))) throw new Error(`The user did not allow this ${tool.name} call. Nothing was written; do not retry it.`);
        proposal = { ...fresh, confirmed: false, at: Date.now() };
      } else if (proposal.sensitiveRules.length && !(await ask(tool.name, input, proposal))) {
        throw new Error(`The user did not allow changing a sensitive file (matches '${proposal.sensitiveRules[0]}'). Nothing was written; do not retry it.`);
      }
      if (token.isCancellationRequested) throw new Error('Cancelled: nothing was written.');
      const { changes } = proposal;
      changes.decideAll('accepted');
      // VS Code's chat keeps its own history; this edit is one undo step (no checkpoint of ours).
      await applyAccepted(changes, changes.toApply(), async () => true);
      const report = appliedReport(changes);
      deps.logger.info(`lm tool ${tool.name}: ${report.text}`);
      if (!report.ok) throw new Error(report.text);
      return new api.LanguageModelToolResult!([new api.LanguageModelTextPart!(report.text)]);
    },
  });

  return new Map(WORKSPACE_TOOLS.filter((tool) => tool.agentOnly).map((tool) => [lmToolName(tool.name), toolFor(tool)]));
}

function argsOf(input: unknown): Record<string, unknown> {
  return input && typeof input === 'object' && !Array.isArray(input) ? (input as Record<string, unknown>) : {};
}
