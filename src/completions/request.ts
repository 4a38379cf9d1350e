// The Gemini request behind one completion: one non-streaming generateContent with the least
// thinking the model allows (latency is the product here), a small output cap, and the abort
// signal handed to the SDK, which passes it to fetch: aborting closes the HTTP connection.
import type { GenerateContentConfig, GoogleGenAI } from '@google/genai';
import { modelTraits } from '../gemini/modelFamily';
import { thinkingLevelsFor } from '../gemini/thinking';
import type { Generate } from './engine';
import type { CompletionPrompt } from './prompt';

const MAX_OUTPUT_TOKENS = { line: 128, block: 512 } as const;

/** Thinking switched as low as the model allows: `minimal` on 3.x, budget 0 on 2.5 Flash(-Lite). */
export function fastThinking(model: string): GenerateContentConfig['thinkingConfig'] {
  const traits = modelTraits(model);
  if (traits.usesThinkingLevel) return { thinkingLevel: thinkingLevelsFor(model)[0].toUpperCase() as never };
  if (traits.usesThinkingBudget && !traits.thinkingMandatory) return { thinkingBudget: 0 };
  return undefined;
}

export function completionConfig(model: string, prompt: CompletionPrompt, signal: AbortSignal): GenerateContentConfig {
  const thinkingConfig = fastThinking(model);
  return {
    systemInstruction: prompt.systemInstruction,
    maxOutputTokens: MAX_OUTPUT_TOKENS[prompt.mode],
    // Flash-Lite 3.5 ignores a custom temperature; older models take it: keep suggestions steady.
    temperature: 0.2,
    // No stop sequence at the newline: a fenced answer would stop at its opening fence. Cleaning
    // cuts a one-line completion at its first line instead.
    ...(thinkingConfig ? { thinkingConfig } : {}),
    abortSignal: signal,
  };
}

/** `generate` for the completion engine over a client the extension shares. */
export function geminiGenerate(genai: () => Promise<GoogleGenAI>): Generate {
  return async (model, prompt, signal) => {
    const client = await genai();
    const response = await client.models.generateContent({
      model,
      contents: [{ role: 'user', parts: [{ text: prompt.text }] }],
      config: completionConfig(model, prompt, signal),
    });
    // Thought parts (if a model thinks anyway) never become code.
    const parts = response.candidates?.[0]?.content?.parts ?? [];
    return parts.filter((part) => !part.thought && typeof part.text === 'string').map((part) => part.text).join('');
  };
}
