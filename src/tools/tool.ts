// The shape every workspace tool has. A call is prepared first (arguments validated, paths
// resolved, nothing read), so the user can be asked about exactly what will be read, then run.
import { ToolCallContext } from './context';
import type { SearchServices } from './searchBackend';
import { ArgsOf, ParamSpecs, validateArgs } from './schema';
import { WorkspaceLocation } from './workspacePort';

export interface SensitiveFile {
  location: WorkspaceLocation;
  display: string;
  /** The deny-list pattern it matched, e.g. '.env*'. */
  rule: string;
}

export interface ToolOutput {
  /** What the model reads. */
  output: string;
  /** A short line for the tool card and the log, e.g. "read src/a.ts lines 1-120". */
  summary: string;
}

export interface PreparedCall {
  /** Exactly what the call will read, for the approval dialog and the log. */
  describe: string;
  /** Sensitive files the call reads; each needs the user's yes. */
  sensitiveFiles: SensitiveFile[];
  /**
   * A question the user must answer whatever the approval setting (a command to run). Its
   * `sessionKey` is what "allow for this session" remembers (e.g. the exact command and folder).
   */
  mustAsk?: { title: string; detail: string; sessionKey: string };
  /** Title of the approval dialog when the call changes files (asked about sensitive ones). */
  approvalTitle?: string;
  run(): Promise<ToolOutput>;
}

export interface ToolDefinition<P extends ParamSpecs> {
  name: string;
  description: string;
  /** Offered to the model only in Agent mode. */
  agentOnly?: boolean;
  /** What VS Code's own agent reads instead of `description` (the write tools write there, after VS Code's confirmation). */
  vscodeDescription?: string;
  params: P;
  /** Offered only while this holds (e.g. search_code_semantic: once an index exists). */
  available?(services: SearchServices): boolean;
  prepare(args: ArgsOf<P>, ctx: ToolCallContext): Promise<PreparedCall>;
}

/** A tool with its argument types erased, as the registry holds it. */
export interface WorkspaceTool {
  name: string;
  description: string;
  /** Offered to the model only in Agent mode. */
  agentOnly?: boolean;
  vscodeDescription?: string;
  params: ParamSpecs;
  /** Offered only while this holds (e.g. search_code_semantic: once an index exists). */
  available?(services: SearchServices): boolean;
  /** Validates the raw arguments (throws ToolError) and prepares the call. */
  prepare(rawArgs: unknown, ctx: ToolCallContext): Promise<PreparedCall>;
}

export function defineTool<P extends ParamSpecs>(definition: ToolDefinition<P>): WorkspaceTool {
  return {
    name: definition.name,
    description: definition.description,
    ...(definition.agentOnly ? { agentOnly: true } : {}),
    ...(definition.vscodeDescription ? { vscodeDescription: definition.vscodeDescription } : {}),
    params: definition.params,
    ...(definition.available ? { available: definition.available } : {}),
    prepare: (rawArgs, ctx) => definition.prepare(validateArgs(definition.name, definition.params, rawArgs), ctx),
  };
}
