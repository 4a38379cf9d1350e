// VS Code's language-model tools (MCP servers configured in VS Code, other extensions' tools) in
// our chat: the list from vscode.lm.tools without our own, the per-tool choice the user makes in
// the tools picker (kept in the user's global state), and calls through vscode.lm.invokeTool, so
// VS Code's own confirmations (and MCP trust prompts) apply. The rest is src/tools/externalTools.ts.
import * as vscode from 'vscode';
import type { Logger } from '../../common/logger';
import { LM_TOOL_PREFIX } from '../../lm/tools';
import type { ExternalToolInfo, ExternalToolPort } from '../../tools/externalTools';

const ENABLED_KEY = 'gemini.chatTools.enabled';

interface ToolInformation { readonly name: string; readonly description: string; readonly inputSchema?: object; readonly tags: readonly string[] }
interface InvokeApi {
  lm: {
    tools?: readonly ToolInformation[];
    invokeTool?(name: string, options: { input: unknown; toolInvocationToken: undefined }, token?: vscode.CancellationToken): Thenable<{ content: unknown[] }>;
  };
}

const api = vscode as unknown as InvokeApi;

export class VsCodeExternalTools implements ExternalToolPort {
  constructor(private readonly state: vscode.Memento, private readonly log: Logger) {}

  list(): readonly ExternalToolInfo[] {
    return (api.lm.tools ?? [])
      .filter((tool) => !tool.name.startsWith(LM_TOOL_PREFIX))
      .map((tool) => ({ name: tool.name, description: tool.description, inputSchema: tool.inputSchema, tags: tool.tags }));
  }

  enabled(): ReadonlySet<string> {
    const names = this.state.get<unknown>(ENABLED_KEY);
    return new Set(Array.isArray(names) ? names.filter((n): n is string => typeof n === 'string') : []);
  }

  async setEnabled(names: readonly string[]): Promise<void> {
    await this.state.update(ENABLED_KEY, [...new Set(names)].sort());
  }

  async invoke(name: string, input: unknown, signal: AbortSignal): Promise<string> {
    if (typeof api.lm.invokeTool !== 'function') throw new Error('this version of VS Code cannot run language-model tools');
    const cancel = new vscode.CancellationTokenSource();
    const onAbort = () => cancel.cancel();
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      const result = await api.lm.invokeTool(name, { input, toolInvocationToken: undefined }, cancel.token);
      return resultText(result?.content ?? []);
    } finally {
      signal.removeEventListener('abort', onAbort);
      cancel.dispose();
    }
  }

  /**
   * The tools picker: every tool VS Code offers, ours excluded; the checked ones are offered to
   * Gemini. With a list of names (a keybinding's or a script's argument) that list is set as is.
   */
  async pick(names?: unknown): Promise<void> {
    if (Array.isArray(names) && names.every((n) => typeof n === 'string')) {
      await this.setEnabled(names);
      return;
    }
    const tools = this.list();
    if (!tools.length) {
      void vscode.window.showInformationMessage(vscode.l10n.t('VS Code has no language-model tools from MCP servers or other extensions to offer Gemini. Add an MCP server (MCP: Add Server) or install an extension that contributes tools.'));
      return;
    }
    const enabled = this.enabled();
    const items = tools.map((tool) => ({
      label: tool.name,
      description: tool.tags?.filter((t) => !t.startsWith('vscode_')).slice(0, 3).join(', ') || undefined,
      detail: firstLine(tool.description),
      picked: enabled.has(tool.name),
    }));
    const chosen = await vscode.window.showQuickPick(items, {
      canPickMany: true,
      title: vscode.l10n.t('Tools Gemini may call in the chat'),
      placeHolder: vscode.l10n.t('Checked tools are offered to Gemini; VS Code still asks before a tool that needs confirmation runs'),
      matchOnDetail: true,
    });
    if (!chosen) return;
    // Tools not listed now (an MCP server that is stopped) keep their choice.
    const listed = new Set(tools.map((t) => t.name));
    const kept = [...enabled].filter((name) => !listed.has(name));
    await this.setEnabled([...kept, ...chosen.map((item) => item.label)]);
    this.log.info(`Chat tools: ${chosen.length ? chosen.map((item) => item.label).join(', ') : 'none'} enabled`);
  }
}

/** A tool result's parts as text: text parts as they are, anything else described. */
export function resultText(content: readonly unknown[]): string {
  const pieces: string[] = [];
  for (const part of content) {
    const value = (part as { value?: unknown })?.value;
    const data = (part as { data?: unknown; mimeType?: unknown });
    if (typeof value === 'string') pieces.push(value);
    else if (data?.data instanceof Uint8Array && typeof data.mimeType === 'string') {
      pieces.push(/^(text\/|application\/json)/.test(data.mimeType) ? new TextDecoder().decode(data.data) : `[${data.mimeType} data, ${data.data.byteLength} bytes]`);
    } else if (value !== undefined) pieces.push(JSON.stringify(value));
  }
  return pieces.join('\n');
}

function firstLine(text: string): string {
  const line = text.trim().split('\n')[0] ?? '';
  return line.length > 160 ? `${line.slice(0, 159)}…` : line;
}
