// Our workspace tools for every chat in VS Code (vscode.lm.registerTool, 1.95+): the write tools
// come from src/vscode/agent/lmWriteTools.ts; the read tools and semantic search are here, with the
// same table, the same path policy, ignore rules and approval settings as in our own chat. Where
// our policy would ask (approval mode 'ask', a sensitive file), prepareInvocation returns
// confirmation messages, so VS Code asks in its own UI before the call runs; the run then does
// not ask a second time. A call that reaches invoke without that confirmation still gets our
// modal, so nothing sensitive is ever read unasked.
import * as vscode from 'vscode';
import type { Logger } from '../../common/logger';
import type { SettingsSource } from '../../config/settingValues';
import { createSearchServices } from '../../node/searchServices';
import { callKey, confirmationFor, ConfirmedCalls, LM_OFFERED_TOOLS, lmToolName, VsCodeConfirmedApprover } from '../../lm/tools';
import type { ToolApprover } from '../../tools/approval';
import { ToolCallContext, toolSettingsFrom } from '../../tools/context';
import { ToolRegistry } from '../../tools/registry';
import type { SemanticSearchService } from '../../tools/searchBackend';
import type { WorkspaceTool } from '../../tools/tool';
import { ModalToolApprover } from '../workspace/toolApproval';
import { VsCodeWorkspacePort } from '../workspace/workspacePort';
import { createWriteLanguageModelTools } from '../agent/lmWriteTools';
import type { LanguageModelTool, ToolApi } from './lmApi';

/** The semantic index as the LM tools use it (src/vscode/semantic/semanticIndex.ts). */
export interface LmSemanticIndex extends SemanticSearchService {
  /** Resolves once the saved index is loaded: a call that woke the core waits for it. */
  whenLoaded(): Promise<void>;
}

export interface LmToolsDeps {
  logger: Logger;
  settings: SettingsSource;
  /** The semantic index, for gemini_search_code_semantic; without it that tool says how to build one. */
  semantic?: LmSemanticIndex;
  /** Asked when a call needs a yes that VS Code did not already get. Default: our modal. */
  fallbackApprover?: ToolApprover;
}

/**
 * Every workspace tool as a language-model tool, by its registered name (lmToolName);
 * src/vscode/native/lmNativeChat.ts registers them. Call only where hasLanguageModelToolsApi() (src/vscode/native/lmApi.ts).
 */
export function createLanguageModelTools(context: vscode.ExtensionContext, deps: LmToolsDeps): Map<string, LanguageModelTool> {
  const api = vscode as unknown as ToolApi;
  const port = new VsCodeWorkspacePort();
  const confirmed = new ConfirmedCalls();
  const toolSettings = () => toolSettingsFrom(deps.settings());
  const search = { ...createSearchServices({ appRoot: vscode.env.appRoot }), semantic: deps.semantic };
  const registry = new ToolRegistry({
    port,
    search,
    tools: LM_OFFERED_TOOLS,
    settings: toolSettings,
    approver: new VsCodeConfirmedApprover(confirmed, deps.fallbackApprover ?? new ModalToolApprover()),
    logger: deps.logger,
  });
  context.subscriptions.push(port);
  let callCounter = 0;

  // Semantic search right after the core loaded: the saved index is still being read.
  const loaded = (tool: WorkspaceTool) => (tool.available ? deps.semantic?.whenLoaded() : undefined);

  const toolFor = (tool: WorkspaceTool): LanguageModelTool => ({
    async prepareInvocation(options, token) {
      await loaded(tool);
      const settings = toolSettings();
      const controller = new AbortController();
      const cancelled = token.onCancellationRequested(() => controller.abort());
      try {
        const prepared = await tool.prepare(options.input, new ToolCallContext(port, settings, controller.signal, deps.logger, undefined, search));
        const confirmation = settings.enabled ? confirmationFor(tool.name, argsOf(options.input), prepared, settings.approval) : undefined;
        if (!confirmation) return { invocationMessage: prepared.describe };
        confirmed.expect(callKey(tool.name, argsOf(options.input)));
        return { invocationMessage: prepared.describe, confirmationMessages: { title: confirmation.title, message: new vscode.MarkdownString(confirmation.message) } };
      } catch {
        // Invalid arguments or a refused path: invoke reports it, with the reason, to the model.
        return { invocationMessage: vscode.l10n.t('Gemini: {0}', tool.name) };
      } finally {
        cancelled.dispose();
      }
    },
    async invoke(options, token) {
      const controller = new AbortController();
      const cancelled = token.onCancellationRequested(() => controller.abort());
      try {
        await loaded(tool);
        const call = { id: `lm_${++callCounter}`, name: tool.name, args: argsOf(options.input) };
        const execution = await registry.execute(call, controller.signal);
        const text = String(execution.ok ? execution.response.output : execution.response.error);
        // A refusal is an error for the caller; its message tells the model what to do instead.
        if (!execution.ok) throw new Error(text);
        return new api.LanguageModelToolResult!([new api.LanguageModelTextPart!(text)]);
      } finally {
        cancelled.dispose();
      }
    },
  });

  const readTools = LM_OFFERED_TOOLS.filter((tool) => !tool.agentOnly).map((tool) => [lmToolName(tool.name), toolFor(tool)] as const);
  // The write tools: VS Code's confirmation shows the change; the same write policy and guarded apply as our chat.
  const writeTools = createWriteLanguageModelTools({ logger: deps.logger, settings: deps.settings, port, approver: deps.fallbackApprover ?? new ModalToolApprover() });
  return new Map([...readTools, ...writeTools]);
}

function argsOf(input: unknown): Record<string, unknown> {
  return input && typeof input === 'object' && !Array.isArray(input) ? (input as Record<string, unknown>) : {};
}
