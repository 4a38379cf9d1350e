// Tools that live outside this extension — VS Code's language-model tools: MCP servers configured
// in VS Code and other extensions' tools — offered to Gemini beside the workspace tools, each only
// once the user enabled it in the tools picker. Pure: listing and invoking go through a port (the
// VS Code side calls vscode.lm.invokeTool, so VS Code's own confirmations apply).
import { l10n } from '../common/l10n';
import type { FunctionDeclaration } from '@google/genai';
import type { Logger } from '../common/logger';
import type { ToolExecution, ToolExecutor } from '../gemini/turnContract';
import type { ToolCallInfo } from '../gemini/events';
import { decodeArguments, toGeminiParameters, type ConvertedSchema } from './jsonSchemaToGemini';
import { formatBytes } from '../common/format';
import { utf8Length } from './text';

export interface ExternalToolInfo {
  /** The tool's own name (vscode.lm.tools[i].name). */
  name: string;
  description: string;
  inputSchema?: object;
  tags?: readonly string[];
}

export interface ExternalToolPort {
  /** Every tool VS Code knows, ours excluded. */
  list(): readonly ExternalToolInfo[];
  /** The names the user enabled in the tools picker. */
  enabled(): ReadonlySet<string>;
  /** Runs the tool; its result as text. Throws with a message for the model and the card. */
  invoke(name: string, input: unknown, signal: AbortSignal): Promise<string>;
}

export interface ExternalToolsDeps {
  port: ExternalToolPort;
  logger: Logger;
  /** Largest result returned to the model, in bytes (gemini.tools.maxResultBytes). */
  maxResultBytes(): number;
  /** Names already taken (the workspace tools): an external tool never shadows one. */
  reserved(): readonly string[];
}

interface Offered {
  info: ExternalToolInfo;
  declared: string;
  converted: ConvertedSchema;
}

/** Gemini's function names: a letter or underscore, then letters, digits, _ . : -, 64 at most. */
export function geminiFunctionName(name: string, taken: ReadonlySet<string>): string {
  let base = name.replace(/[^A-Za-z0-9_.:-]/g, '_');
  if (!/^[A-Za-z_]/.test(base)) base = `_${base}`;
  base = base.slice(0, 64);
  let candidate = base;
  for (let i = 2; taken.has(candidate); i++) candidate = `${base.slice(0, 64 - String(i).length - 1)}_${i}`;
  return candidate;
}

export class ExternalTools {
  private offered = new Map<string, Offered>();

  constructor(private readonly deps: ExternalToolsDeps) {}

  /** Declarations of the enabled tools that exist now; remembers how each name maps back. */
  declarations(): FunctionDeclaration[] {
    const enabled = this.deps.port.enabled();
    const taken = new Set(this.deps.reserved());
    const offered = new Map<string, Offered>();
    for (const info of this.deps.port.list()) {
      if (!enabled.has(info.name)) continue;
      const declared = geminiFunctionName(info.name, taken);
      taken.add(declared);
      offered.set(declared, { info, declared, converted: toGeminiParameters(info.inputSchema) });
    }
    this.offered = offered;
    return [...offered.values()].map(({ info, declared, converted }) => ({
      name: declared,
      description: info.description.slice(0, 4000),
      ...(converted.parameters ? { parameters: converted.parameters } : {}),
    }));
  }

  has(declaredName: string): boolean {
    return this.offered.has(declaredName);
  }

  async execute(call: ToolCallInfo, signal: AbortSignal): Promise<ToolExecution> {
    const tool = this.offered.get(call.name);
    if (!tool) return { response: { error: `Unknown tool '${call.name}'.` }, ok: false, summary: l10n.t('unknown tool {0}', call.name) };
    if (!this.deps.port.enabled().has(tool.info.name)) {
      const message = `The tool ${tool.info.name} was turned off in the tools picker. Do not call it again.`;
      return { response: { error: message }, ok: false, summary: message };
    }
    try {
      const input = decodeArguments(call.args ?? {}, tool.converted);
      const text = await this.deps.port.invoke(tool.info.name, input, signal);
      const { output, cut } = capText(text, this.deps.maxResultBytes());
      const summary = `${tool.info.name}: ${formatBytes(utf8Length(output))}${cut ? ' (truncated)' : ''}`;
      this.deps.logger.info(`VS Code tool ${tool.info.name} → ok, ${summary}`);
      return { response: { output }, ok: true, summary };
    } catch (error) {
      const reason = signal.aborted ? 'Cancelled by the user.' : (error as Error)?.message || String(error);
      const message = `${tool.info.name} failed: ${reason}`;
      this.deps.logger.warn(`VS Code tool ${message}`);
      return { response: { error: message }, ok: false, summary: message };
    }
  }
}

/** The workspace tools and the enabled external tools as one executor for the engine. */
export function combineTools(workspace: ToolExecutor, external: ExternalTools): ToolExecutor {
  return {
    declarations: () => [...workspace.declarations(), ...external.declarations()],
    execute: (call, signal) => (external.has(call.name) ? external.execute(call, signal) : workspace.execute(call, signal)),
  };
}

function capText(text: string, maxBytes: number): { output: string; cut: boolean } {
  if (utf8Length(text) <= maxBytes) return { output: text, cut: false };
  let end = Math.min(text.length, maxBytes);
  while (end > 0 && utf8Length(text.slice(0, end)) > maxBytes - 40) end = Math.floor(end * 0.9);
  return { output: `${text.slice(0, end)}\n[truncated: the result was ${formatBytes(utf8Length(text))}]`, cut: true };
}
