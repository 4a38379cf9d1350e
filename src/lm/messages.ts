// VS Code language-model messages ⇄ Gemini contents, for the LanguageModelChatProvider. Pure: the
// glue (src/vscode/native/lmProvider.ts) turns VS Code's part classes into the tagged LmPart views below.
// What VS Code's message shapes cannot carry is kept in a CallMemory by call id: the
// thoughtSignature Gemini 3 requires back on its function calls, and whether the id came from
// the service (then it is echoed) or from us (then it is not sent).
import type { Content, FunctionDeclaration, Part } from '@google/genai';
import { modelTraits } from '../gemini/modelFamily';

/** vscode.LanguageModelChatMessageRole; System (3) is newer than our engine floor. */
export const LmRole = { User: 1, Assistant: 2, System: 3 } as const;

export type LmPart =
  | { kind: 'text'; text: string }
  | { kind: 'toolCall'; callId: string; name: string; input: unknown }
  | { kind: 'toolResult'; callId: string; content: LmPart[] }
  | { kind: 'data'; mimeType: string; data: Uint8Array }
  /** Thinking parts, cache markers, prompt-tsx without text: nothing Gemini can use. */
  | { kind: 'ignored'; what: string };

export interface LmMessage {
  role: number;
  parts: LmPart[];
}

export interface LmTool {
  name: string;
  description: string;
  inputSchema?: object;
}

/**
 * Documented by Google for function calls whose signature was lost (history from another model,
 * a restart): Gemini 3 then skips the signature check instead of rejecting the request.
 */
export const SIGNATURE_PLACEHOLDER = 'skip_thought_signature_validator';

interface CallRecord {
  signature?: string;
  /** The id came from the service, so it is echoed in the call and its response. */
  fromService: boolean;
}

/** What the service said about each call we reported, by call id; the oldest are forgotten first. */
export class CallMemory {
  private readonly records = new Map<string, CallRecord>();
  constructor(private readonly capacity = 2000) {}

  remember(callId: string, record: CallRecord): void {
    this.records.delete(callId);
    this.records.set(callId, record);
    if (this.records.size > this.capacity) this.records.delete(this.records.keys().next().value as string);
  }

  recall(callId: string): CallRecord | undefined {
    return this.records.get(callId);
  }
}

const VALID_FUNCTION_NAME = /^[a-zA-Z_][a-zA-Z0-9_.:-]{0,63}$/;

/** 32-bit FNV-1a, hex: a short stable suffix that keeps sanitised names apart. */
function shortHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, '0');
}

/**
 * Tool names as Gemini accepts them (letters, digits, `_ . : -`, at most 64, not starting with a
 * digit). Valid names pass unchanged; others get a stable hash suffix, and the reverse lookup
 * gives the caller its own name back.
 */
export class ToolNames {
  private readonly toCaller = new Map<string, string>();

  toGemini(name: string): string {
    let gemini = name;
    if (!VALID_FUNCTION_NAME.test(name)) {
      const base = name.replace(/[^a-zA-Z0-9_.:-]/g, '_').replace(/^(?=[^a-zA-Z_])/, '_').slice(0, 54);
      gemini = `${base}_${shortHash(name)}`;
    }
    this.toCaller.set(gemini, name);
    return gemini;
  }

  toCallerName(gemini: string): string {
    return this.toCaller.get(gemini) ?? gemini;
  }
}

export function toFunctionDeclarations(tools: readonly LmTool[], names: ToolNames): FunctionDeclaration[] {
  return tools.map((tool) => ({
    name: names.toGemini(tool.name),
    description: tool.description,
    ...(tool.inputSchema ? { parametersJsonSchema: cleanSchema(tool.inputSchema) } : {}),
  }));
}

/** `$schema` and `$id` are metadata Gemini rejects; the rest of the JSON Schema passes through. */
function cleanSchema(schema: object): unknown {
  const { $schema: _schema, $id: _id, ...rest } = schema as Record<string, unknown>;
  return rest;
}

export interface GeminiRequestParts {
  contents: Content[];
  /** The system messages' text, joined. */
  systemInstruction?: string;
}

export interface MappingContext {
  memory: CallMemory;
  names: ToolNames;
  /** The model the request goes to: decides whether lost signatures need the placeholder. */
  model: string;
}

export function toGeminiRequest(messages: readonly LmMessage[], context: MappingContext): GeminiRequestParts {
  const contents: Content[] = [];
  const system: string[] = [];
  const callNames = new Map<string, string>();
  for (const message of messages) {
    if (message.role === LmRole.System) {
      system.push(...message.parts.flatMap((part) => (part.kind === 'text' && part.text.trim() ? [part.text] : [])));
      continue;
    }
    const role = message.role === LmRole.Assistant ? 'model' : 'user';
    const parts = message.parts.flatMap((part) => toParts(part, context, callNames));
    if (parts.length === 0) continue;
    const last = contents[contents.length - 1];
    // Gemini wants one content per turn: VS Code may split a turn (text, then tool results).
    if (last && last.role === role) last.parts = [...(last.parts ?? []), ...parts];
    else contents.push({ role, parts });
  }
  if (needsSignatures(context.model)) for (const content of contents) if (content.role === 'model') fillMissingSignature(content);
  return { contents, ...(system.length ? { systemInstruction: system.join('\n\n') } : {}) };
}

function toParts(part: LmPart, context: MappingContext, callNames: Map<string, string>): Part[] {
  switch (part.kind) {
    case 'text':
      return part.text ? [{ text: part.text }] : [];
    case 'data':
      return dataParts(part.mimeType, part.data);
    case 'toolCall': {
      const name = context.names.toGemini(part.name);
      callNames.set(part.callId, name);
      const known = context.memory.recall(part.callId);
      const args = isRecord(part.input) ? part.input : {};
      return [{
        functionCall: { ...(known?.fromService ? { id: part.callId } : {}), name, args },
        ...(known?.signature ? { thoughtSignature: known.signature } : {}),
      }];
    }
    case 'toolResult': {
      const name = callNames.get(part.callId) ?? context.names.toGemini(`unknown_call_${part.callId}`);
      const text = part.content.map(resultText).filter(Boolean).join('\n');
      const media = part.content.flatMap((inner) => (inner.kind === 'data' && inner.mimeType.startsWith('image/') ? dataParts(inner.mimeType, inner.data) : []));
      const known = context.memory.recall(part.callId);
      return [{ functionResponse: { ...(known?.fromService ? { id: part.callId } : {}), name, response: { output: text } } }, ...media];
    }
    case 'ignored':
      return [];
  }
}

function resultText(part: LmPart): string {
  if (part.kind === 'text') return part.text;
  if (part.kind === 'data' && isTextual(part.mimeType)) return new TextDecoder().decode(part.data);
  return '';
}

function isTextual(mimeType: string): boolean {
  return mimeType.startsWith('text/') || /^application\/(json|xml|[\w.+-]+\+(json|xml))$/.test(mimeType);
}

function dataParts(mimeType: string, data: Uint8Array): Part[] {
  if (mimeType.startsWith('image/')) return [{ inlineData: { mimeType, data: Buffer.from(data).toString('base64') } }];
  if (isTextual(mimeType)) return [{ text: new TextDecoder().decode(data) }];
  return []; // e.g. the 'cache_control' markers other providers read
}

function needsSignatures(model: string): boolean {
  const traits = modelTraits(model);
  return /^gemini-/.test(model.replace(/^models\//, '')) && (traits.generation === undefined || traits.generation >= 3);
}

/** Only the first call of each model turn carries a signature; without ours, the placeholder. */
function fillMissingSignature(content: Content): void {
  const calls = (content.parts ?? []).filter((part) => part.functionCall);
  if (calls.length > 0 && !calls.some((part) => part.thoughtSignature)) calls[0].thoughtSignature = SIGNATURE_PLACEHOLDER;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A part VS Code handed over, by its shape: the glue recognises the API's classes first
 * (thinking parts, prompt-tsx) and leaves the rest to this, which also covers subclasses and
 * parts of API versions newer than ours.
 */
export function classifyPart(part: unknown): LmPart {
  if (!part || typeof part !== 'object') return typeof part === 'string' ? { kind: 'text', text: part } : { kind: 'ignored', what: typeof part };
  const p = part as Record<string, unknown>;
  if (typeof p.callId === 'string' && typeof p.name === 'string' && 'input' in p) {
    return { kind: 'toolCall', callId: p.callId, name: p.name, input: p.input };
  }
  if (typeof p.callId === 'string' && Array.isArray(p.content)) {
    return { kind: 'toolResult', callId: p.callId, content: p.content.map(classifyPart) };
  }
  if (typeof p.mimeType === 'string' && p.data instanceof Uint8Array) return { kind: 'data', mimeType: p.mimeType, data: p.data };
  // A thinking part also has a string `value`, but always with `id` / `metadata` keys.
  if (typeof p.value === 'string' && !('id' in p) && !('metadata' in p)) return { kind: 'text', text: p.value };
  return { kind: 'ignored', what: part.constructor?.name ?? 'object' };
}

/** The text inside a prompt-tsx element tree (its JSON form), in document order. */
export function promptTsxText(value: unknown): string {
  const out: string[] = [];
  const walk = (node: unknown, depth: number) => {
    if (depth > 50 || !node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach((child) => walk(child, depth + 1));
    for (const [key, inner] of Object.entries(node)) {
      if (key === 'text' && typeof inner === 'string') out.push(inner);
      else walk(inner, depth + 1);
    }
  };
  walk(value, 0);
  return out.join('');
}

/** A function call of the answer, as the provider reports it to VS Code. */
export interface ReportedToolCall {
  callId: string;
  /** The caller's own tool name. */
  name: string;
  input: Record<string, unknown>;
}

/**
 * The answer's function calls in order, each remembered with its signature. `ids` are the ids
 * the engine gave the calls (the service's id when it sent one), in the same order.
 */
export function reportToolCalls(
  content: Content | undefined,
  ids: readonly { id: string; fromService: boolean }[],
  context: Pick<MappingContext, 'memory' | 'names'>,
): ReportedToolCall[] {
  const calls = (content?.parts ?? []).filter((part) => part.functionCall);
  return calls.map((part, index) => {
    const id = ids[index] ?? { id: `gemini_call_${index}_${Date.now().toString(36)}`, fromService: false };
    context.memory.remember(id.id, { fromService: id.fromService, ...(part.thoughtSignature ? { signature: part.thoughtSignature } : {}) });
    const args = part.functionCall?.args;
    return { callId: id.id, name: context.names.toCallerName(part.functionCall?.name ?? ''), input: isRecord(args) ? args : {} };
  });
}
