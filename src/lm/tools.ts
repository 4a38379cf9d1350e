// Our workspace tools as VS Code language-model tools (vscode.lm.registerTool). Everything is
// derived from the one tools table (src/tools/table.ts): the names, the descriptions and the
// input schemas in package.json's contributes.languageModelTools (scripts/sync-lm-tools.mjs
// writes them; test/unit/lm/tools.test.ts fails on drift), and the confirmation VS Code shows
// before a call that our policy would ask about.
import { ApprovalAnswer, ApprovalRequest, buildApprovalRequest, ToolApprover } from '../tools/approval';
import type { ApprovalMode } from '../tools/context';
import type { ParamSpecs } from '../tools/schema';
import { SEMANTIC_INDEX_CONTEXT } from '../semantic/contextKeys';
import { SEMANTIC_TOOLS, WORKSPACE_TOOLS } from '../tools/table';
import type { PreparedCall, WorkspaceTool } from '../tools/tool';

/** Tool names are global across extensions; ours carry the extension's prefix. */
export const LM_TOOL_PREFIX = 'gemini_';

export function lmToolName(tableName: string): string {
  return `${LM_TOOL_PREFIX}${tableName}`;
}

export function tableToolName(lmName: string): string | undefined {
  return lmName.startsWith(LM_TOOL_PREFIX) ? lmName.slice(LM_TOOL_PREFIX.length) : undefined;
}

/** One entry of contributes.languageModelTools. */
export interface LmToolContribution {
  name: string;
  displayName: string;
  toolReferenceName: string;
  canBeReferencedInPrompt: boolean;
  userDescription: string;
  modelDescription: string;
  icon: string;
  tags: string[];
  inputSchema: JsonSchemaObject;
  /** When VS Code offers the tool (the write tools: a trusted workspace with a folder; semantic search: an index). */
  when?: string;
}

export interface JsonSchemaObject {
  type: 'object';
  properties: Record<string, Record<string, unknown>>;
  required?: string[];
}

/** The parameters as standard JSON Schema (VS Code's inputSchema), matching the Gemini declaration. */
export function jsonSchemaOf(params: ParamSpecs): JsonSchemaObject {
  const properties: Record<string, Record<string, unknown>> = {};
  const required: string[] = [];
  for (const [name, spec] of Object.entries(params)) {
    const property: Record<string, unknown> = { type: spec.type, description: spec.description };
    if (spec.type === 'integer') Object.assign(property, { minimum: spec.minimum, maximum: spec.maximum });
    if (spec.type === 'string' && spec.enum) property.enum = [...spec.enum];
    if (spec.type === 'string' && spec.maxLength) property.maxLength = spec.maxLength;
    properties[name] = property;
    if (spec.required) required.push(name);
  }
  return { type: 'object', properties, ...(required.length ? { required } : {}) };
}

const words = (name: string) => name.split('_').filter(Boolean);

/** 'read_file' → 'Read File'. */
function titleOf(name: string): string {
  return words(name).map((word) => word[0].toUpperCase() + word.slice(1)).join(' ');
}

/** 'read_file' → 'geminiReadFile', what a user types after '#'. */
function referenceNameOf(name: string): string {
  return ['gemini', ...words(name)].map((word, i) => (i === 0 ? word : word[0].toUpperCase() + word.slice(1))).join('');
}

/** The first sentence of the model-facing description, for people. */
function firstSentence(text: string): string {
  const match = /^.*?[.!?](?=\s|$)/.exec(text.trim());
  return (match ? match[0] : text).trim();
}

/** Where VS Code offers the write tools: never in Restricted Mode or a window without a folder. */
export const WRITE_TOOLS_WHEN = 'isWorkspaceTrusted && workbenchState != empty';

/** Where VS Code offers semantic search: while this workspace's index is enabled and built (src/vscode/semantic/). */
export const SEMANTIC_TOOL_WHEN = SEMANTIC_INDEX_CONTEXT;

function whenOf(tool: WorkspaceTool): string | undefined {
  if (tool.agentOnly) return WRITE_TOOLS_WHEN;
  return SEMANTIC_TOOLS.includes(tool) ? SEMANTIC_TOOL_WHEN : undefined;
}

/** The package.nls.json key of a manifest string people read (translations: package.nls.<locale>.json). */
export function lmToolNlsKey(tableName: string, field: 'displayName' | 'userDescription'): string {
  return `lmTool.${lmToolName(tableName)}.${field}`;
}

/** The English of those strings, by key: what package.nls.json holds for the tools. */
export function lmToolStrings(tools: readonly WorkspaceTool[] = LM_OFFERED_TOOLS): Record<string, string> {
  const strings: Record<string, string> = {};
  for (const tool of tools) {
    strings[lmToolNlsKey(tool.name, 'displayName')] = `Gemini: ${titleOf(tool.name)}`;
    strings[lmToolNlsKey(tool.name, 'userDescription')] = firstSentence(tool.vscodeDescription ?? tool.description);
  }
  return strings;
}

export function lmToolContribution(tool: WorkspaceTool): LmToolContribution {
  const writes = tool.agentOnly === true;
  const when = whenOf(tool);
  const description = tool.vscodeDescription ?? tool.description;
  return {
    name: lmToolName(tool.name),
    // People read these in VS Code's tool picker, in their language; the model reads modelDescription (English).
    displayName: `%${lmToolNlsKey(tool.name, 'displayName')}%`,
    toolReferenceName: referenceNameOf(tool.name),
    canBeReferencedInPrompt: true,
    userDescription: `%${lmToolNlsKey(tool.name, 'userDescription')}%`,
    modelDescription: description,
    icon: writes ? '$(edit)' : '$(file-code)',
    tags: ['gemini', 'workspace', writes ? 'edit' : 'read-only'],
    inputSchema: jsonSchemaOf(tool.params),
    ...(when ? { when } : {}),
  };
}

/**
 * The tools offered to VS Code's agent: the read tools, the Agent-mode write tools, which there
 * write once VS Code's confirmation (showing the change) is accepted (src/vscode/agent/lmWriteTools.ts),
 * and semantic search, offered only where the workspace has an index (SEMANTIC_TOOL_WHEN).
 */
export const LM_OFFERED_TOOLS: readonly WorkspaceTool[] = [...WORKSPACE_TOOLS, ...SEMANTIC_TOOLS];

export function lmToolContributions(tools: readonly WorkspaceTool[] = LM_OFFERED_TOOLS): LmToolContribution[] {
  return tools.map(lmToolContribution);
}

export interface LmConfirmation {
  title: string;
  /** Markdown. */
  message: string;
}

/**
 * The confirmation VS Code must show before the call runs, when our policy would ask: every call
 * in approval mode 'ask', and any call that reads a sensitive file. Undefined: run without asking.
 */
export function confirmationFor(tool: string, args: Record<string, unknown>, prepared: PreparedCall, approval: ApprovalMode): LmConfirmation | undefined {
  const askMode = approval === 'ask';
  if (!askMode && prepared.sensitiveFiles.length === 0) return undefined;
  const request = buildApprovalRequest(tool, args, prepared.describe, askMode, prepared.sensitiveFiles);
  return { title: request.title, message: `\`\`\`text\n${request.detail.replace(/`{3,}/g, '``')}\n\`\`\`` }; // l10n-ignore: the fence around the translated detail
}

/** A stable key for one call, so the confirmation VS Code showed can be matched to the invocation. */
export function callKey(tool: string, input: unknown): string {
  return `${tool}\u0000${stableJson(input)}`;
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${stableJson((value as Record<string, unknown>)[key])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** How long a confirmation VS Code showed stays valid for the invocation that follows it. */
const CONFIRMATION_TTL_MS = 10 * 60_000;

/** Calls VS Code has put to the user with our confirmation messages, by call key. */
export class ConfirmedCalls {
  private readonly pending = new Map<string, number[]>();

  expect(key: string, now = Date.now()): void {
    this.pending.set(key, [...(this.pending.get(key) ?? []).filter((at) => now - at < CONFIRMATION_TTL_MS), now]);
  }

  consume(key: string, now = Date.now()): boolean {
    const times = (this.pending.get(key) ?? []).filter((at) => now - at < CONFIRMATION_TTL_MS);
    const found = times.length > 0;
    times.shift();
    if (times.length) this.pending.set(key, times);
    else this.pending.delete(key);
    return found;
  }
}

/** Allows what VS Code already confirmed; anything else goes to the fallback approver. */
export class VsCodeConfirmedApprover implements ToolApprover {
  constructor(private readonly confirmed: ConfirmedCalls, private readonly fallback: ToolApprover) {}

  approve(request: ApprovalRequest): Promise<ApprovalAnswer> {
    if (this.confirmed.consume(callKey(request.tool, request.args))) return Promise.resolve('allow');
    return this.fallback.approve(request);
  }
}
