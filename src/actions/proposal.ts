// Structured output for the editing actions: the JSON schema Gemini must answer with, and the
// strict reading of its reply. A reply that does not fit is rejected with a message that says
// what was wrong (in the display language: the person reads it), and nothing in the editor changes.
import { l10n } from '../common/l10n';

export interface CodeProposal {
  /** The replacement code (or, for tests, the whole test file). */
  code: string;
  /** One or two sentences shown with the preview. */
  rationale: string;
}

/** Sent as `responseJsonSchema`. `rationale` comes first so the model says what it will do before doing it. */
export const CODE_PROPOSAL_SCHEMA: Record<string, unknown> = {
  type: 'object',
  properties: {
    rationale: { type: 'string', description: 'One or two sentences: what changed and why.' },
    code: { type: 'string', description: 'The complete new code, as plain source text without Markdown fences.' },
  },
  required: ['rationale', 'code'],
};

export class ProposalFormatError extends Error {
  constructor(problem: string) {
    super(l10n.t("Gemini's answer could not be used: {0} Nothing was changed; run the action again.", problem));
    this.name = 'ProposalFormatError';
  }
}

export function parseCodeProposal(reply: string): CodeProposal {
  const trimmed = reply.trim();
  if (!trimmed) throw new ProposalFormatError(l10n.t('the reply was empty.'));
  const json = stripFence(trimmed, /^(json)?$/i) ?? trimmed;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new ProposalFormatError(l10n.t('it was not valid JSON ({0}).', detail));
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ProposalFormatError(l10n.t('it was not a JSON object with "code" and "rationale".'));
  }
  const record = value as Record<string, unknown>;
  if (!('code' in record)) throw new ProposalFormatError(l10n.t('the "code" field was missing.'));
  if (typeof record.code !== 'string') throw new ProposalFormatError(l10n.t('"code" was {0}, not text.', describeType(record.code)));
  const code = stripFence(record.code, /^[\w+#.-]*$/) ?? record.code;
  if (!code.trim()) throw new ProposalFormatError(l10n.t('"code" was empty.'));
  const rationale = typeof record.rationale === 'string' ? record.rationale.trim() : '';
  return { code, rationale };
}

/**
 * Shapes proposed code to replace `original` (whole lines without the final line break): no
 * trailing line break, and the original's indentation when the model dropped it entirely.
 */
export function fitReplacement(original: string, proposed: string): string {
  let code = proposed.replace(/\r\n/g, '\n').replace(/\n+$/, '');
  if (original.endsWith('\n')) code += '\n';
  const originalIndent = commonIndent(original);
  if (originalIndent && commonIndent(code) === '') {
    code = code.split('\n').map((line) => (line.trim() ? originalIndent + line : line)).join('\n');
  }
  return code;
}

/** A whole file: one trailing line break, never more. */
export function fitWholeFile(proposed: string): string {
  return proposed.replace(/\r\n/g, '\n').replace(/\s+$/, '') + '\n';
}

function commonIndent(text: string): string {
  let common: string | undefined;
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const indent = /^[ \t]*/.exec(line)![0];
    if (common === undefined) common = indent;
    else {
      let i = 0;
      while (i < common.length && i < indent.length && common[i] === indent[i]) i++;
      common = common.slice(0, i);
    }
    if (!common) return '';
  }
  return common ?? '';
}

/** The inside of a single fenced block covering the whole text, when its info string matches. */
function stripFence(text: string, info: RegExp): string | undefined {
  const match = /^\s*```([^\n`]*)\n([\s\S]*?)\n?```\s*$/.exec(text);
  if (!match || !info.test(match[1].trim())) return undefined;
  return match[2];
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return l10n.t('a list');
  if (typeof value === 'number') return l10n.t('a number');
  if (typeof value === 'boolean') return l10n.t('a boolean');
  if (typeof value === 'object') return l10n.t('an object');
  return `a ${typeof value}`; // l10n-ignore: JSON has no other types, kept as a fallback
}
