// The manifest of a workspace pack: which files went in, which were left out and why. The same
// text goes to the model (at the head of the pack, so it knows what it has not seen) and to the
// user (before the first send and on request). Long lists are cut per reason, with the count of
// the rest, so a 50,000-file workspace gives a manifest of a few kilobytes. Pure.
import { formatNumber, formatTokens } from '../common/format';
import { l10n } from '../common/l10n';

export type OmitReason = 'ignored' | 'sensitive' | 'binary' | 'tooLarge' | 'symlink' | 'unreadable' | 'budget';

export interface OmittedEntry {
  display: string;
  reason: OmitReason;
  /** The rule or limit, e.g. "built-in rule node_modules/" or "212 KB, over the 100 KB limit". */
  detail?: string;
}

export interface IncludedFile {
  display: string;
  /** Local estimate (characters / 4); the pack's total is counted by the service. */
  tokens: number;
  /** Why it ranked where it did: 'open', 'recently edited', 'matches the question'. */
  why?: string;
}

export interface PackManifest {
  included: IncludedFile[];
  omitted: OmittedEntry[];
  /** The pack's size as countTokens measured it. */
  tokens: number;
  budgetTokens: number;
}

/** The reasons in the order the manifest lists them, with their headings. */
export const OMIT_REASONS: readonly { reason: OmitReason; heading: string }[] = [
  { reason: 'budget', heading: 'Left out to stay within the token budget' },
  { reason: 'tooLarge', heading: 'Larger than the size limit (gemini.tools.maxFileBytes)' },
  { reason: 'binary', heading: 'Binary' },
  { reason: 'sensitive', heading: 'Sensitive (secrets are never sent)' },
  { reason: 'symlink', heading: 'Symbolic links not followed (outside the workspace or unverifiable)' },
  { reason: 'ignored', heading: 'Ignored (.gitignore, .geminiignore, files.exclude, built-in rules)' },
  { reason: 'unreadable', heading: 'Unreadable' },
];

/** Lines listed per reason before "… and N more". */
const MAX_LISTED = 40;
const MAX_INCLUDED_LISTED = 400;

export function omittedCounts(manifest: Pick<PackManifest, 'omitted'>): Record<OmitReason, number> {
  const counts: Record<OmitReason, number> = { ignored: 0, sensitive: 0, binary: 0, tooLarge: 0, symlink: 0, unreadable: 0, budget: 0 };
  for (const entry of manifest.omitted) counts[entry.reason]++;
  return counts;
}

/** The words of the one-line summary: English for the model, the display language for the user. */
interface SummaryWords {
  reasons: Record<OmitReason, string>;
  count(value: number): string;
  head(files: string, tokens: string): string;
  leftOut(head: string, list: string): string;
}

const MODEL_WORDS: SummaryWords = {
  reasons: {
    budget: 'over the budget', tooLarge: 'too large', binary: 'binary', sensitive: 'sensitive',
    symlink: 'symbolic links', ignored: 'ignored', unreadable: 'unreadable',
  },
  count: (value) => value.toLocaleString('en-US'),
  head: (files, tokens) => `${files} files, ${tokens} tokens`,
  leftOut: (head, list) => `${head}; left out: ${list}`,
};

function userWords(): SummaryWords {
  return {
    reasons: {
      budget: l10n.t('over the budget'), tooLarge: l10n.t('too large'), binary: l10n.t('binary'), sensitive: l10n.t('sensitive'),
      symlink: l10n.t('symbolic links'), ignored: l10n.t('ignored'), unreadable: l10n.t('unreadable'),
    },
    count: formatNumber,
    head: (files, tokens) => l10n.t('{0} files, {1} tokens', files, tokens),
    leftOut: (head, list) => l10n.t('{0}; left out: {1}', head, list),
  };
}

function summarize(manifest: PackManifest, words: SummaryWords): string {
  const counts = omittedCounts(manifest);
  const left = OMIT_REASONS.filter(({ reason }) => counts[reason] > 0).map(({ reason }) => `${words.count(counts[reason])} ${words.reasons[reason]}`);
  const head = words.head(words.count(manifest.included.length), formatTokens(manifest.tokens));
  return left.length ? words.leftOut(head, left.join(', ')) : head;
}

/** One line: "412 files, 183.2K tokens; left out: 3 sensitive, 1,204 over the budget, …". */
export function manifestSummary(manifest: PackManifest): string {
  return summarize(manifest, MODEL_WORDS);
}

/** The same summary in the user's language, for the confirmation before the first send. */
export function manifestSummaryForUser(manifest: PackManifest): string {
  return summarize(manifest, userWords());
}

/** The manifest as Markdown: what the model reads first and what the user can open. */
export function renderManifest(manifest: PackManifest): string {
  const lines = [
    '# Workspace manifest',
    '',
    `${manifestSummary(manifest)} (budget ${formatTokens(manifest.budgetTokens)} tokens).`,
    '',
    `## Included, most relevant first (${manifest.included.length})`,
  ];
  for (const file of manifest.included.slice(0, MAX_INCLUDED_LISTED)) lines.push(`- ${file.display}${file.why ? ` (${file.why})` : ''}`);
  if (manifest.included.length > MAX_INCLUDED_LISTED) lines.push(`- … and ${manifest.included.length - MAX_INCLUDED_LISTED} more`);
  for (const { reason, heading } of OMIT_REASONS) {
    const entries = manifest.omitted.filter((entry) => entry.reason === reason);
    if (entries.length === 0) continue;
    lines.push('', `## ${heading} (${entries.length})`);
    for (const entry of entries.slice(0, MAX_LISTED)) lines.push(`- ${entry.display}${entry.detail ? `: ${entry.detail}` : ''}`);
    if (entries.length > MAX_LISTED) lines.push(`- … and ${entries.length - MAX_LISTED} more`);
  }
  return lines.join('\n');
}
