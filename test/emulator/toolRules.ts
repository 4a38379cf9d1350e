// The service's rule on combining tools, as the emulator enforces it: built-in tools (Google
// Search, code execution, URL context) together with function declarations are a 400 before
// Gemini 3 (the combination is a Gemini 3 feature). Lets tests prove the extension never sends it.
import { googleError, type GoogleErrorBody } from './errors';

const BUILT_IN_TOOLS = ['googleSearch', 'googleSearchRetrieval', 'codeExecution', 'urlContext'] as const;

export function toolCombinationError(model: string | undefined, body: any): GoogleErrorBody | undefined {
  const tools: Record<string, unknown>[] = Array.isArray(body?.tools) ? body.tools : [];
  const builtIn = tools.flatMap((tool) => BUILT_IN_TOOLS.filter((key) => key in tool));
  const functions = tools.some((tool) => Array.isArray(tool.functionDeclarations) && tool.functionDeclarations.length > 0);
  if (!builtIn.length || !functions) return undefined;
  const generation = /^(?:models\/)?gemini-(\d+(?:\.\d+)?)-/.exec(model ?? '')?.[1];
  if (generation !== undefined && Number(generation) >= 3) return undefined;
  return googleError(400, 'INVALID_ARGUMENT', `Built-in tools (${builtIn.join(', ')}) and function calling cannot be combined on ${model ?? 'this model'}; this combination needs a Gemini 3 model.`);
}
