// The workspace tools as the Gemini engine sees them (a ToolExecutor): declarations for the
// request, and execute() that validates, asks the user when the policy says so, runs, and logs.
import { l10n } from '../common/l10n';
import type { FunctionDeclaration } from '@google/genai';
import { Logger } from '../common/logger';
import type { TerminalPort } from '../agent/terminalPort';
import { ToolExecution, ToolExecutor } from '../gemini/turnContract';
import { ToolCallInfo } from '../gemini/events';
import { SessionApprovals, ToolApprover, buildApprovalRequest } from './approval';
import { ASK_SCOPE, ChatMode, ToolCallContext, ToolScope, ToolSettings } from './context';
import { parametersSchema } from './schema';
import { WORKSPACE_TOOLS } from './table';
import { PreparedCall, ToolOutput, WorkspaceTool } from './tool';
import { formatBytes } from '../common/format';
import { ToolError, utf8Length } from './text';
import { WorkspacePort } from './workspacePort';
import { SearchServices } from './searchBackend';

export interface ToolRegistryDeps {
  port: WorkspacePort;
  /** Read on every call, so a settings change applies to the next call. */
  settings: () => ToolSettings;
  approver: ToolApprover;
  logger: Logger;
  tools?: readonly WorkspaceTool[];
  now?: () => number;
  /** Terminals for run_command and get_terminal_output. */
  terminal?: TerminalPort;
  /** ripgrep and the regex worker (src/node/searchServices.ts); without them the Node walker. */
  search?: SearchServices;
}

const MAX_LOGGED_ARGS_CHARS = 300;

export class ToolRegistry implements ToolExecutor {
  /** "Always allow this session" answers; cleared by resetSessionApprovals(). */
  readonly session = new SessionApprovals();
  private readonly tools: readonly WorkspaceTool[];
  private readonly now: () => number;

  constructor(private readonly deps: ToolRegistryDeps) {
    this.tools = deps.tools ?? WORKSPACE_TOOLS;
    this.now = deps.now ?? Date.now;
  }

  /** Ask mode: the read-only tools. */
  declarations(): FunctionDeclaration[] {
    return this.declarationsFor('ask');
  }

  /** The executor of one turn: its mode decides which tools are offered, its scope holds the proposals. */
  forTurn(scope: ToolScope): ToolExecutor {
    return { declarations: () => this.declarationsFor(scope.mode), execute: (call, signal) => this.execute(call, signal, scope) };
  }

  /** The tools the model may call now: agentOnly ones only in Agent mode. */
  private offered(mode: ChatMode): readonly WorkspaceTool[] {
    const services = this.deps.search ?? {};
    return this.tools.filter((tool) => (mode === 'agent' || !tool.agentOnly) && (!tool.available || tool.available(services)));
  }

  private declarationsFor(mode: ChatMode): FunctionDeclaration[] {
    if (!this.deps.settings().enabled) return [];
    return this.offered(mode).map((tool) => ({
      name: tool.name,
      description: tool.description,
      parameters: parametersSchema(tool.params),
    }));
  }

  resetSessionApprovals(): void {
    this.session.clear();
  }

  async execute(call: ToolCallInfo, signal: AbortSignal, scope: ToolScope = ASK_SCOPE): Promise<ToolExecution> {
    const started = this.now();
    let execution: ToolExecution;
    try {
      const output = await this.run(call, signal, scope);
      execution = { response: { output: output.output }, ok: true, summary: output.summary };
    } catch (error) {
      const message = this.errorMessage(call.name, error, signal);
      execution = { response: { error: message }, ok: false, summary: message };
    }
    this.log(call, execution, this.now() - started);
    return execution;
  }

  private async run(call: ToolCallInfo, signal: AbortSignal, scope: ToolScope): Promise<ToolOutput> {
    const settings = this.deps.settings();
    if (!settings.enabled) throw new ToolError('Workspace tools are turned off in the settings (gemini.tools.enabled).');
    const offered = this.offered(scope.mode);
    const tool = offered.find((t) => t.name === call.name);
    const unavailable = this.tools.find((t) => t.name === call.name && t.available && !t.available(this.deps.search ?? {}));
    if (!tool && unavailable) throw new ToolError(`${call.name} is not available now (no semantic index: the user can build one with "Gemini: Index Workspace for Semantic Search"). Use search_text or find_files instead.`);
    if (!tool && this.tools.some((t) => t.name === call.name)) {
      throw new ToolError(`${call.name} is only available in Agent mode; this chat is in Ask mode (read-only). Describe the change to the user instead, or suggest switching the chat to Agent mode.`);
    }
    if (!tool) throw new ToolError(`Unknown tool '${call.name}'. Available tools: ${offered.map((t) => t.name).join(', ')}.`);
    const ctx = new ToolCallContext(this.deps.port, settings, signal, this.deps.logger, scope, this.deps.search);
    ctx.terminal = this.deps.terminal;
    ctx.throwIfCancelled();
    const prepared = await tool.prepare(call.args, ctx);
    await this.approve(call, prepared, settings);
    ctx.throwIfCancelled();
    return prepared.run();
  }

  private async approve(call: ToolCallInfo, prepared: PreparedCall, settings: ToolSettings): Promise<void> {
    if (prepared.mustAsk) return this.approveMustAsk(call, prepared.mustAsk);
    const askMode = settings.approval === 'ask' && !this.session.toolAllowed(call.name);
    const sensitive = prepared.sensitiveFiles.filter((file) => !this.session.fileAllowed(file));
    if (!askMode && sensitive.length === 0) return;
    const request = buildApprovalRequest(call.name, call.args ?? {}, prepared.describe, askMode, sensitive);
    if (prepared.approvalTitle) {
      request.title = prepared.approvalTitle;
      request.detail = request.detail.replace(l10n.t('Their contents will be sent to Gemini.'), l10n.t('Gemini proposes to change them; the change still waits for your review in the Changes card.'));
    }
    const answer = await this.deps.approver.approve(request).catch(() => 'deny' as const);
    if (answer === 'deny') {
      const what = sensitive.length ? `${prepared.approvalTitle ? 'changing' : 'reading'} ${sensitive.map((f) => `'${f.display}'`).join(', ')} (sensitive: matches '${sensitive[0].rule}')` : `this ${call.name} call`;
      throw new ToolError(`The user did not allow ${what}. Do not retry it; continue without it or ask the user.`);
    }
    if (answer === 'allowSession') {
      if (askMode) this.session.allowTool(call.name);
      for (const file of sensitive) this.session.allowFile(file);
    }
  }

  /** A question asked whatever the approval setting; "this session" remembers only its sessionKey. */
  private async approveMustAsk(call: ToolCallInfo, ask: NonNullable<PreparedCall['mustAsk']>): Promise<void> {
    if (this.session.toolAllowed(ask.sessionKey)) return;
    const request = { tool: call.name, args: call.args ?? {}, title: ask.title, detail: ask.detail, reasons: ['approvalModeAsk' as const], sensitiveFiles: [] };
    const answer = await this.deps.approver.approve(request).catch(() => 'deny' as const);
    if (answer === 'deny') throw new ToolError(`The user did not allow this ${call.name} call. Do not retry it; continue without it or ask the user.`);
    if (answer === 'allowSession') this.session.allowTool(ask.sessionKey);
  }

  private errorMessage(tool: string, error: unknown, signal: AbortSignal): string {
    if (signal.aborted) return 'Cancelled by the user.';
    if (error instanceof ToolError) return error.message;
    // Raw file-system errors can carry absolute paths; the model gets the code, the log the rest.
    const code = (error as { code?: unknown })?.code;
    this.deps.logger.warn(`tool ${tool} failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`);
    return `${tool} failed${typeof code === 'string' ? ` (${code})` : ''}; the file system reported an error.`;
  }

  private log(call: ToolCallInfo, execution: ToolExecution, durationMs: number): void {
    let args = JSON.stringify(call.args ?? {});
    if (args.length > MAX_LOGGED_ARGS_CHARS) args = `${args.slice(0, MAX_LOGGED_ARGS_CHARS)}…`;
    const bytes = utf8Length(JSON.stringify(execution.response));
    const outcome = execution.ok ? 'ok' : 'refused';
    this.deps.logger.info(`tool ${call.name} ${args} → ${outcome}, ${formatBytes(bytes)} in ${Math.round(durationMs)} ms: ${execution.summary}`);
  }
}
