// The one table of user settings. package.json's contributes.configuration must match it
// (test/unit/manifest.test.ts fails on drift). Pure: no `vscode` import.

export type SettingType = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array';

export interface SettingSpec {
  type: SettingType;
  /** An `object` setting defaults to a plain JSON object (e.g. `{}`), an `array` one to a list of strings. */
  default: string | number | boolean | Readonly<Record<string, unknown>> | readonly string[];
  description: string;
  enum?: string[];
  minimum?: number;
  maximum?: number;
  /**
   * `application`: only user settings count, never a workspace's .vscode/settings.json — for
   * settings a hostile repository could use to send the key elsewhere. (`machine` would hide the
   * user's value from remote extension hosts such as code-server's.)
   */
  scope?: 'application' | 'machine' | 'window' | 'resource';
  /** For `object` settings: the JSON schema of each property's value (VS Code validates it). */
  additionalProperties?: Readonly<Record<string, unknown>>;
  /** For `array` settings: the JSON schema of each item (only lists of strings are read). */
  items?: Readonly<Record<string, unknown>>;
}

export const SETTINGS = {
  model: { type: 'string', default: 'gemini-3.8-flash', description: 'Gemini model used for chat and editor actions, e.g. `gemini-3.8-flash`, `gemini-3.5-flash-lite`, `gemini-3.1-pro-preview`. Use **Gemini: Select Model** to pick from the models your key can use; if Google retires the model, the error offers its replacement in one click.' },
  fallbackModel: { type: 'string', default: '', description: 'Model to switch to when the main model\'s quota is exhausted (HTTP 429). Empty: no fallback.' },
  temperature: { type: 'number', default: -1, minimum: -1, maximum: 2, description: 'Sampling temperature (0–2). `-1` uses the model\'s default.' },
  maxOutputTokens: { type: 'integer', default: 0, minimum: 0, description: 'Maximum tokens in an answer. `0` uses the model\'s limit.' },
  'thinking.budget': { type: 'integer', default: -1, minimum: -1, description: 'Thinking budget in tokens for Gemini 2.5 models. `-1` dynamic (the model decides), `0` off where the model allows it.' },
  'thinking.level': { type: 'string', default: 'default', enum: ['default', 'minimal', 'low', 'medium', 'high'], description: 'Thinking level for Gemini 3 models. `default` lets the model decide. Never sent together with a budget.' },
  'thinking.includeThoughts': { type: 'boolean', default: true, description: 'Show the model\'s thought summaries in a collapsed **Thinking** section.' },
  'safety.threshold': { type: 'string', default: 'default', enum: ['default', 'BLOCK_NONE', 'BLOCK_ONLY_HIGH', 'BLOCK_MEDIUM_AND_ABOVE', 'BLOCK_LOW_AND_ABOVE'], description: 'Safety blocking threshold applied to every harm category. `default` keeps the service\'s defaults.' },
  systemInstruction: { type: 'string', default: '', description: 'Extra instructions appended to the built-in system instruction (e.g. coding conventions of your team).' },
  requestTimeoutSeconds: { type: 'integer', default: 120, minimum: 5, description: 'Seconds without any data from the service before a request is abandoned as timed out.' },
  endpoint: { type: 'string', default: '', scope: 'application', description: 'Override the Gemini API base URL (for a proxy, a gateway, or the local test emulator). Empty: Google\'s endpoint. User settings only: a workspace cannot redirect your key.' },
  apiVersion: { type: 'string', default: 'v1beta', enum: ['v1beta', 'v1'], description: 'Gemini API version. Thinking, grounding and code execution need `v1beta`.' },
  maxToolRounds: { type: 'integer', default: 10, minimum: 1, maximum: 50, description: 'Maximum rounds of workspace tool calls the model may make in one turn.' },
  'retry.maxAttempts': { type: 'integer', default: 3, minimum: 0, maximum: 10, description: 'Retries after a rate limit (429) or a server error (500/503). `0` never retries.' },
  'vertex.enabled': { type: 'boolean', default: false, description: 'Use Vertex AI on Google Cloud instead of the Gemini Developer API. Credentials come from Application Default Credentials (`gcloud auth application-default login`, or `GOOGLE_APPLICATION_CREDENTIALS`); no API key is used. `gemini.endpoint` and VS Code\'s proxy settings still apply.' },
  'vertex.project': { type: 'string', default: '', description: 'Google Cloud project ID for Vertex AI. Empty: the `GOOGLE_CLOUD_PROJECT` environment variable.' },
  'vertex.location': { type: 'string', default: 'global', description: 'Vertex AI location, e.g. `global`, `us-central1` or `europe-west4`.' },
  'tools.enabled': { type: 'boolean', default: true, description: 'Let Gemini read your workspace through tools (read, list, find, search, diagnostics, open editors).' },
  'tools.approval': { type: 'string', default: 'auto', enum: ['auto', 'ask'], description: '`auto`: reads inside the workspace run without asking; sensitive files always ask. `ask`: every tool call asks first.' },
  'tools.maxFileBytes': { type: 'integer', default: 262144, minimum: 1024, description: 'Largest file a tool will read, in bytes. Larger files are read page by page.' },
  'tools.maxResultBytes': { type: 'integer', default: 65536, minimum: 1024, description: 'Largest result one tool call returns to the model, in bytes; the rest is cut with a "truncated" marker.' },
  'rules.enabled': { type: 'boolean', default: true, description: 'Add the project\'s rules files (`AGENTS.md`, `GEMINI.md` at the workspace root and in the folders of the active editor\'s and the attached files) to the system instruction of the chat, the editor actions and @gemini. Rules files in ignored folders are never read.' },
  'agent.allowedCommands': { type: 'array', default: [] as readonly string[], items: { type: 'string' }, scope: 'application', description: 'Command prefixes Gemini\'s `run_command` (Agent mode) may run without asking, e.g. `npm test`, `npx tsc --noEmit`. A prefix matches whole words; a command with shell operators (`;`, `&&`, `|`, `>`, `$(…)`, backticks, …) always asks. User settings only: a workspace cannot allow commands.' },
  'agent.commandTimeoutSeconds': { type: 'integer', default: 300, minimum: 5, maximum: 3600, description: 'Seconds a command Gemini runs (`run_command`, Agent mode) may take before it is stopped.' },
  'agent.autoApply': { type: 'boolean', default: false, scope: 'application', description: 'Agent mode: apply the edits and new files Gemini proposes as soon as its turn ends, without waiting for your review in the Changes card. Renames and deletions always wait for you. Every applied turn can still be undone (one undo) or restored from its checkpoint. User settings only: a workspace cannot turn it on.' },
  'agent.maxFileBytes': { type: 'integer', default: 1048576, minimum: 1024, maximum: 16777216, description: 'Agent mode: the largest file Gemini may edit, create, rename or delete, in bytes.' },
  'agent.maxCheckpoints': { type: 'integer', default: 30, minimum: 1, maximum: 500, description: 'Agent mode: how many turn checkpoints (the files as they were before a turn\'s changes) are kept per workspace; the oldest are pruned first. At most 200 MB are kept in all.' },
  'contextCache.enabled': { type: 'boolean', default: false, description: 'Cache a chat\'s large stable prefix (long history, attached files) with Gemini\'s context caching, so later turns send only what is new and pay the cheaper cached-token rate. Caches are deleted when the chat is closed and expire after `gemini.contextCache.ttlSeconds`.' },
  'contextCache.minTokens': { type: 'integer', default: 8192, minimum: 1024, description: 'Only cache a prefix of at least this many tokens (never below the model\'s own minimum, 1,024–4,096). Small prompts are not worth a cache.' },
  'contextCache.ttlSeconds': { type: 'integer', default: 600, minimum: 60, maximum: 86400, description: 'How long a chat\'s context cache lives without being renewed, in seconds. Storage is billed per hour.' },
  'editor.previewStyle': { type: 'string', default: 'inline', enum: ['inline', 'diffTab'], description: 'How Refactor, Add Documentation and Fix with Gemini show their proposal: `inline` streams it into the editor as an inline diff (Tab accepts, Esc rejects); `diffTab` opens it in a diff tab with Accept and Reject in a notification. **Edit with Gemini** (Ctrl+I) is always inline.' },
  'editor.explainStyle': { type: 'string', default: 'inline', enum: ['inline', 'chat'], description: 'Where **Explain with Gemini** answers: `inline` in a comment thread at the selected lines (ask follow-ups there, or **Continue in Chat**); `chat` in the sidebar chat.' },
  'completions.enabled': { type: 'boolean', default: false, scope: 'application', description: 'Suggest code as you type (ghost text; Tab accepts) with `gemini.completions.model`, on your own key. Off until you turn it on: every typing pause may send the code around the cursor to Gemini. Toggle with **Gemini: Toggle Inline Completions** or the status bar. User settings only: a workspace cannot turn it on.' },
  'completions.languages': { type: 'object', default: {}, additionalProperties: { type: 'boolean' }, description: 'Turn inline completions off (or on) per language id, e.g. `{ "markdown": false, "plaintext": false }`. `"*"` sets the default for languages not listed.' },
  'completions.model': { type: 'string', default: 'gemini-3.5-flash-lite', description: 'Gemini model for inline completions: a fast, cheap Flash-Lite model. Sent with the least thinking the model allows (`minimal` on Gemini 3, budget 0 on 2.5 Flash).' },
  'completions.debounceMs': { type: 'integer', default: 300, minimum: 50, maximum: 5000, description: 'How long typing must pause, in ms, before a completion is requested. Each keystroke restarts the wait and cancels the request in flight.' },
  'completions.maxRequestsPerMinute': { type: 'integer', default: 30, minimum: 1, maximum: 600, description: 'At most this many completion requests a minute; beyond it no suggestion until the minute has passed. A rate limit (429) pauses completions on its own.' },
  'semanticSearch.enabled': { type: 'boolean', default: false, scope: 'application', description: 'Let Gemini search code by meaning (the `search_code_semantic` tool) through a local embeddings index. Each workspace is indexed only after you run **Gemini: Index Workspace for Semantic Search** there and accept its cost estimate (the command turns this setting on): indexing sends the text of every file the tools may read (never ignored or sensitive files) to `gemini-embedding-2`. The index stays on this machine and is updated as files change. User settings only: a workspace cannot turn it on.' },
  'semanticSearch.maxRequestsPerMinute': { type: 'integer', default: 60, minimum: 1, maximum: 3000, description: 'At most this many embeddings requests (up to 100 chunks each) a minute while indexing. A rate limit (429) pauses the index until Gemini says to retry; it then resumes where it stopped.' },
  pricing: { type: 'object', default: {}, additionalProperties: { type: 'object', required: ['input', 'output'], properties: { input: { type: 'number', minimum: 0 }, output: { type: 'number', minimum: 0 }, cachedInput: { type: 'number', minimum: 0 } } }, description: 'Override or add model prices for the cost estimate, in USD per 1M tokens, keyed by model id prefix, e.g. `{ "gemini-3.8-flash": { "input": 1.5, "output": 7.5, "cachedInput": 0.15 } }`. Thinking is billed as output.' },
} as const satisfies Record<string, SettingSpec>;

export type SettingKey = keyof typeof SETTINGS;
export const SETTINGS_SECTION = 'gemini';
