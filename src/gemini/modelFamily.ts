// What a model id tells us before we ask the service: its generation decides how thinking is
// configured (a token budget on 2.5, a level on 3.x — sending both is a 400) and whether built-in
// tools may be combined with function declarations.

export interface ModelTraits {
  /** e.g. 2.5, 3, 3.1; undefined for ids we don't recognise (gemma, custom tuned models). */
  generation?: number;
  /** The model accepts a thinkingConfig at all. */
  thinks: boolean;
  /** Thinking is tuned with thinkingLevel (3.x); 2.5 uses thinkingBudget; others neither. */
  usesThinkingLevel: boolean;
  usesThinkingBudget: boolean;
  /** Thinking can't be switched off: a budget of 0 is rejected (2.5 Pro). */
  thinkingMandatory: boolean;
  /** Built-in tools (search, code execution) can be combined with function declarations. */
  mixesBuiltInAndFunctionTools: boolean;
}

export function bareModelId(model: string): string {
  return model.replace(/^models\//, '');
}

export function modelTraits(model: string, thinkingHint?: boolean): ModelTraits {
  const id = bareModelId(model).toLowerCase();
  const match = /^gemini-(\d+(?:\.\d+)?)-/.exec(id);
  const generation = match ? Number(match[1]) : undefined;
  const known = generation !== undefined;
  const looksThinking = ((known && generation >= 2.5) || isLatestAlias(id)) && !/-(tts|image)\b/.test(id);
  const thinks = thinkingHint ?? looksThinking;
  const gemini3 = (known && generation >= 3) || isLatestAlias(id);
  return {
    generation,
    thinks,
    usesThinkingLevel: thinks && gemini3,
    usesThinkingBudget: thinks && known && generation === 2.5,
    thinkingMandatory: known && generation === 2.5 && id.includes('-pro'),
    mixesBuiltInAndFunctionTools: gemini3,
  };
}

// The `-latest` aliases move to each new GA model; since mid-2026 every target is a Gemini 3 model
// (gemini-flash-latest: 3.5 Flash and later), so they take a thinking level, never a budget, and
// only the levels every target accepts (see thinkingLevelsFor).
export function isLatestAlias(id: string): boolean {
  return /^gemini-(pro|flash|flash-lite)-latest$/.test(id);
}
