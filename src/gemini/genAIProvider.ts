// How code that talks to Gemini gets the SDK client: a function, so the SDK is loaded and the
// client built on first use. client.ts makes them; the model catalog, uploads and the chat take
// one. A module of its own so that taking one never imports client.ts (and through it vertex.ts).
import type { GoogleGenAI } from '@google/genai';

export type GenAIProvider = () => Promise<GoogleGenAI>;
