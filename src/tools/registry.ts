// The workspace tools as the Gemini engine sees them (a ToolExecutor): declarations for the
// request, and execute() that validates, asks the user when the policy says so, runs, and logs.
import type { FunctionDeclaration } from '@google/genai';
import { Logger } from '../common/logger';
import { ToolExecution, ToolExecutor } from '../gemini/engine';
import { ToolCallInfo } from '../gemini/events';
import { SessionApprovals, ToolApprover, buildApprovalRequest } from './approval';
import { ToolCallContext, ToolSettings } from './context';
import { parametersSchema } from './schema';
import { WORKSPACE_TOOLS } from './table';
import { PreparedCall, ToolOutput, WorkspaceTool } from './tool';
import { ToolError, formatBytes, utf8Length } from './text';
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

  declarations(): FunctionDeclaration[] {
    if (!this.deps.settings().enabled) return [];
    return this.tools.map((tool) => ({
      name: tool.name,
      description: tool.description,
      parameters: parametersSchema(tool.params),
    }));
  }

  resetSessionApprovals(): void {
    this.session.clear();
  }

  async execute(call: ToolCallInfo, signal: AbortSignal): Promise<ToolExecution> {
    const started = this.now();
    let execution: ToolExecution;
    try {
      const output = await this.run(call, signal);
      execution = { response: { output: output.output }, ok: true, summary: output.summary };
    } catch (error) {
      const message = this.errorMessage(call.name, error, signal);
      execution = { response: { error: message }, ok: false, summary: message };
    }
    this.log(call, execution, this.now() - started);
    return execution;
  }

  private async run(call: ToolCallInfo, signal: AbortSignal): Promise<ToolOutput> {
    const settings = this.deps.settings();
    if (!settings.enabled) throw new ToolError('Workspace tools are turned off in the settings (gemini.tools.enabled).');
    const tool = this.tools.find((t) => t.name === call.name);
    if (!tool) throw new ToolError(`Unknown tool '${call.name}'. Available tools: ${this.tools.map((t) => t.name).join(', ')}.`);
    const ctx = new ToolCallContext(this.deps.port, settings, signal, this.deps.logger, this.deps.search);
    ctx.throwIfCancelled();
    const prepared = await tool.prepare(call.args, ctx);
    await this.approve(call, prepared, settings);
    ctx.throwIfCancelled();
    return prepared.run();
  }

  private async approve(call: ToolCallInfo, prepared: PreparedCall, settings: ToolSettings): Promise<void> {
    const askMode = settings.approval === 'ask' && !this.session.toolAllowed(call.name);
    const sensitive = prepared.sensitiveFiles.filter((file) => !this.session.fileAllowed(file));
    if (!askMode && sensitive.length === 0) return;
    const request = buildApprovalRequest(call.name, call.args ?? {}, prepared.describe, askMode, sensitive);
    const answer = await this.deps.approver.approve(request).catch(() => 'deny' as const);
    if (answer === 'deny') {
      const what = sensitive.length ? `reading ${sensitive.map((f) => `'${f.display}'`).join(', ')} (sensitive: matches '${sensitive[0].rule}')` : `this ${call.name} call`;
      throw new ToolError(`The user did not allow ${what}. Do not retry it; continue without it or ask the user.`);
    }
    if (answer === 'allowSession') {
      if (askMode) this.session.allowTool(call.name);
      for (const file of sensitive) this.session.allowFile(file);
    }
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
