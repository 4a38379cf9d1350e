// Per-chat thinking controls that fit the model family. Gemini 2.5 takes a token budget (-1 lets
// the model decide, 0 switches thinking off where allowed — 2.5 Pro refuses 0); Gemini 3.x takes a
// level, and which levels a model accepts depends on the model. Sending both is a 400, so a choice
// that does not fit the model (a budget kept from a 2.5 chat now on 3.x) is ignored, never sent.
// Levels per model, from Google's model guides (checked 2026-12-06): 3 Pro low/high; 3.1 Pro
// low/medium/high; 3 Flash, 3.5 Flash, 3.6 Flash and every Flash-Lite (3.1, 3.5) all four;
// 3.7 and 3.8 Flash low/medium/high (minimal is a 400). The -latest aliases get the levels every
// model they have pointed at since mid-2026 accepts: low/medium/high.
import { bareModelId, isLatestAlias, modelTraits } from './modelFamily';
import { l10n } from '../common/l10n';
import { thinkingLevelName } from './displayNames';

export type ThinkingLevel = 'minimal' | 'low' | 'medium' | 'high';
export const THINKING_LEVELS: readonly ThinkingLevel[] = ['minimal', 'low', 'medium', 'high'];

/** What the user picked for one chat; undefined fields fall back to the settings. */
export interface ThinkingChoice {
  budget?: number;
  level?: ThinkingLevel;
}

export interface ThinkingOption {
  /** Stable value for a picker: `default`, `budget:<n>` or `level:<name>` (see formatThinkingChoice). */
  value: string;
  label: string;
}

export interface ThinkingControl {
  /** `none`: the model does not think, or only accepts includeThoughts (-latest aliases). */
  kind: 'budget' | 'level' | 'none';
  options: ThinkingOption[];
  /** One line for a tooltip: what the control does on this model. */
  hint: string;
}

export const DEFAULT_THINKING = 'default';

/** Largest budget each 2.5 model accepts; Pro's smallest is 128, Flash-Lite's 512 (0 turns it off). */
function budgetRange(id: string): { max: number; canSwitchOff: boolean } {
  if (id.includes('-pro')) return { max: 32768, canSwitchOff: false };
  return { max: 24576, canSwitchOff: true };
}

/** Levels a Gemini 3.x model accepts: 3 Pro low/high, 3.1+ Pro adds medium, Flash all four (minimal gone from 3.7). */
export function thinkingLevelsFor(model: string): ThinkingLevel[] {
  const id = bareModelId(model).toLowerCase();
  if (isLatestAlias(id)) return ['low', 'medium', 'high'];
  const generation = modelTraits(id).generation ?? 0;
  if (id.includes('-pro')) return generation >= 3.1 ? ['low', 'medium', 'high'] : ['low', 'high'];
  if (id.includes('-flash') && !id.includes('-lite') && generation >= 3.7) return ['low', 'medium', 'high'];
  return [...THINKING_LEVELS];
}

/**
 * The level to send for a wanted one: itself when the model accepts it, else the next higher level
 * it accepts (minimal → low on 3.8 Flash, medium → high on 3 Pro), else none (the model's default).
 */
export function levelFor(model: string, wanted: ThinkingLevel): ThinkingLevel | undefined {
  const accepted = thinkingLevelsFor(model);
  return THINKING_LEVELS.slice(THINKING_LEVELS.indexOf(wanted)).find((level) => accepted.includes(level));
}

export function thinkingControl(model: string, thinkingHint?: boolean): ThinkingControl {
  const id = bareModelId(model).toLowerCase();
  const traits = modelTraits(id, thinkingHint);
  const fallback = { value: DEFAULT_THINKING, label: l10n.t('Thinking: default') };
  if (traits.usesThinkingBudget) {
    const { max, canSwitchOff } = budgetRange(id);
    const presets = [1024, 4096, 8192, 16384, max].filter((n, i, all) => n <= max && all.indexOf(n) === i);
    return {
      kind: 'budget',
      options: [
        fallback,
        { value: 'budget:-1', label: l10n.t('Thinking: dynamic') },
        ...(canSwitchOff ? [{ value: 'budget:0', label: l10n.t('Thinking: off') }] : []),
        ...presets.map((n) => ({ value: `budget:${n}`, label: l10n.t('Thinking: {0}K tokens', n / 1024) })),
      ],
      hint: canSwitchOff
        ? l10n.t('Thinking budget in tokens (Gemini 2.5): dynamic lets the model decide, off skips thinking.')
        : l10n.t('Thinking budget in tokens (Gemini 2.5 Pro always thinks; it cannot be switched off).'),
    };
  }
  if (traits.usesThinkingLevel) {
    return {
      kind: 'level',
      options: [fallback, ...thinkingLevelsFor(id).map((level) => ({ value: `level:${level}`, label: l10n.t('Thinking: {0}', thinkingLevelName(level)) }))],
      hint: l10n.t('Thinking level (Gemini 3): how much the model reasons before it answers.'),
    };
  }
  return { kind: 'none', options: [], hint: traits.thinks ? l10n.t('This model decides how much to think by itself.') : l10n.t('This model does not think.') };
}

/** `budget:1024` → {budget: 1024}; `level:low` → {level: 'low'}; anything else → undefined (settings). */
export function parseThinkingChoice(value: string | undefined): ThinkingChoice | undefined {
  if (!value) return undefined;
  const budget = /^budget:(-1|\d{1,6})$/.exec(value);
  if (budget) return { budget: Number(budget[1]) };
  const level = /^level:(\w+)$/.exec(value)?.[1];
  if (level && (THINKING_LEVELS as readonly string[]).includes(level)) return { level: level as ThinkingLevel };
  return undefined;
}

export function formatThinkingChoice(choice: ThinkingChoice | undefined): string {
  if (choice?.level) return `level:${choice.level}`;
  if (choice?.budget !== undefined) return `budget:${choice.budget}`;
  return DEFAULT_THINKING;
}

/** Whether a picker value is one this model offers (so a stale choice is dropped on a model switch). */
export function fitsModel(value: string | undefined, model: string, thinkingHint?: boolean): boolean {
  if (!value || value === DEFAULT_THINKING) return true;
  return thinkingControl(model, thinkingHint).options.some((option) => option.value === value);
}
