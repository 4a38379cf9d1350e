// Run-time check of every message the webview posts. The webview renders model output, so the host
// treats it as untrusted: unknown types, missing or extra fields, wrong field types and oversized
// payloads are rejected with a reason the host logs (never echoing the payload itself).
import {
  ATTACHABLE_MIME_TYPES, IMAGE_MIME_TYPES, MAX_ATTACHMENTS, MAX_DROP_BYTES, MAX_IMAGE_BYTES, MAX_MESSAGE_CHARS, MAX_TEXT_CHARS, WebviewMessage,
  WebviewMessageType,
} from './messages';

type FieldRule =
  | { kind: 'string'; max: number; optional?: boolean; pattern?: RegExp }
  | { kind: 'enum'; values: readonly string[]; optional?: boolean }
  | { kind: 'boolean'; optional?: boolean }
  | { kind: 'integer'; min: number; max: number; optional?: boolean }
  | { kind: 'stringArray'; maxItems: number; maxEach: number };

const ID = { kind: 'string', max: 100, pattern: /^[A-Za-z0-9_-]+$/ } as const;
const TEXT = { kind: 'string', max: MAX_TEXT_CHARS } as const;
const CODE = { kind: 'string', max: 2 * MAX_TEXT_CHARS } as const;
const LANGUAGE = { kind: 'string', max: 40, optional: true, pattern: /^[\w+#.-]*$/ } as const;
const ACTIONS = ['retry', 'setKey', 'switchModel', 'openSettings', 'openLog'] as const;
// base64 of MAX_IMAGE_BYTES, rounded up to whole 4-character groups.
const MAX_BASE64_CHARS = Math.ceil(MAX_IMAGE_BYTES / 3) * 4;
const MAX_DROP_BASE64_CHARS = Math.ceil(MAX_DROP_BYTES / 3) * 4;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const MODEL = { kind: 'string', max: 200, pattern: /^[\w./:-]+$/ } as const;

const SCHEMAS: Record<WebviewMessageType, Record<string, FieldRule>> = {
  ready: {},
  send: { text: TEXT, attachments: { kind: 'stringArray', maxItems: MAX_ATTACHMENTS, maxEach: 100 } },
  stop: {},
  regenerate: { turnId: { ...ID, optional: true } },
  editAndResend: { turnId: ID, text: TEXT },
  newChat: {},
  openChat: { id: ID },
  deleteChat: { id: ID },
  searchHistory: { query: { kind: 'string', max: 500 } },
  exportChat: { id: { ...ID, optional: true } },
  setModel: { model: MODEL },
  attach: { kind: { kind: 'enum', values: ['selection', 'file', 'editors', 'terminal'] } },
  removeAttachment: { id: ID },
  pasteImage: {
    mimeType: { kind: 'enum', values: IMAGE_MIME_TYPES },
    base64: { kind: 'string', max: MAX_BASE64_CHARS, pattern: /^[A-Za-z0-9+/]*={0,2}$/ },
    name: { kind: 'string', max: 200 },
  },
  attachData: {
    mimeType: { kind: 'enum', values: ATTACHABLE_MIME_TYPES },
    base64: { kind: 'string', max: MAX_DROP_BASE64_CHARS, pattern: BASE64 },
    name: { kind: 'string', max: 200 },
  },
  setChatOptions: {
    model: { ...MODEL, optional: true },
    googleSearch: { kind: 'boolean', optional: true },
    codeExecution: { kind: 'boolean', optional: true },
    urlContext: { kind: 'boolean', optional: true },
    wholeWorkspace: { kind: 'boolean', optional: true },
    thinking: { kind: 'string', max: 40, optional: true, pattern: /^(default|budget:(-1|\d{1,6})|level:[a-z]+)$/ },
    mode: { kind: 'enum', values: ['ask', 'agent'], optional: true },
  },
  reviewChanges: {
    turnId: ID,
    action: { kind: 'enum', values: ['accept', 'reject', 'acceptAll', 'rejectAll', 'open', 'restore', 'toggleHunk'] },
    fileId: { ...ID, optional: true },
    hunkId: { kind: 'integer', min: 0, max: Number.MAX_SAFE_INTEGER, optional: true },
    reason: { kind: 'string', max: 2000, optional: true },
  },
  countTokens: { text: TEXT },
  copy: { text: CODE },
  insertCode: { code: CODE, language: LANGUAGE },
  applyCode: { code: CODE, language: LANGUAGE },
  saveCodeAsFile: { code: CODE, language: LANGUAGE },
  openLink: { href: { kind: 'string', max: 4096 } },
  openRulesFile: { path: { kind: 'string', max: 1024 } },
  pickTools: {},
  openPackManifest: {},
  runAction: { action: { kind: 'enum', values: ACTIONS }, turnId: { ...ID, optional: true } },
  uiState: { historyOpen: { kind: 'boolean' } },
};

export type ValidationResult = { ok: true; message: WebviewMessage } | { ok: false; reason: string };

export function validateWebviewMessage(raw: unknown): ValidationResult {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return fail('not an object');
  const record = raw as Record<string, unknown>;
  const type = record.type;
  if (typeof type !== 'string' || !Object.prototype.hasOwnProperty.call(SCHEMAS, type)) {
    return fail(`unknown message type ${describeType(type)}`);
  }
  const size = approximateSize(record);
  if (size > MAX_MESSAGE_CHARS) return fail(`${type}: message too large (${size} characters)`);
  const schema = SCHEMAS[type as WebviewMessageType];
  for (const key of Object.keys(record)) {
    if (key === 'type') continue;
    if (key === 'requestId') {
      if (!Number.isSafeInteger(record.requestId) || (record.requestId as number) < 0) return fail(`${type}: requestId must be a non-negative integer`);
      continue;
    }
    if (!Object.prototype.hasOwnProperty.call(schema, key)) return fail(`${type}: unexpected field "${key.slice(0, 40)}"`);
  }
  for (const [key, rule] of Object.entries(schema)) {
    const problem = checkField(record[key], rule);
    if (problem) return fail(`${type}.${key}: ${problem}`);
  }
  return { ok: true, message: record as WebviewMessage };
}

function checkField(value: unknown, rule: FieldRule): string | undefined {
  if (value === undefined) return 'optional' in rule && rule.optional ? undefined : 'missing';
  switch (rule.kind) {
    case 'string':
      if (typeof value !== 'string') return `expected a string, got ${describeType(value)}`;
      if (value.length > rule.max) return `too long (${value.length} > ${rule.max})`;
      if (rule.pattern && !rule.pattern.test(value)) return 'has characters that are not allowed';
      return undefined;
    case 'enum':
      if (typeof value !== 'string' || !rule.values.includes(value)) return `expected one of ${rule.values.join(', ')}`;
      return undefined;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `expected a boolean, got ${describeType(value)}`;
    case 'integer':
      if (!Number.isSafeInteger(value) || (value as number) < rule.min || (value as number) > rule.max) return `expected an integer from ${rule.min}`;
      return undefined;
    case 'stringArray':
      if (!Array.isArray(value)) return `expected an array, got ${describeType(value)}`;
      if (value.length > rule.maxItems) return `too many items (${value.length} > ${rule.maxItems})`;
      for (const item of value) {
        if (typeof item !== 'string' || item.length > rule.maxEach) return 'items must be short strings';
      }
      return undefined;
  }
}

/** Sum of string lengths, without serialising: cheap even for a large image paste. */
function approximateSize(record: Record<string, unknown>): number {
  let size = 0;
  for (const value of Object.values(record)) {
    if (typeof value === 'string') size += value.length;
    else if (Array.isArray(value)) size += value.reduce((n: number, v) => n + (typeof v === 'string' ? v.length : 8), 0);
    else size += 8;
  }
  return size;
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value === 'string' ? JSON.stringify(value.slice(0, 40)) : typeof value;
}

function fail(reason: string): ValidationResult {
  return { ok: false, reason };
}
