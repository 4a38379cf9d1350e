// VS Code's AI APIs as this extension uses them: the types newer than our @types/vscode 1.90 and
// the checks for whether this host has each API. Nothing heavy: the activation shell imports it.
import * as vscode from 'vscode';
import type { LmChatModel } from '../../lm/models';

/** Settings whose change may change the model list or the client. */
export const CONNECTION_SETTINGS = ['gemini.endpoint', 'gemini.apiVersion', 'gemini.vertex', 'http.proxy', 'http.proxyStrictSSL', 'http.proxyAuthorization', 'http.noProxy'];

export interface RequestMessage {
  readonly role: number;
  readonly content: ReadonlyArray<unknown>;
  readonly name: string | undefined;
}

export interface ResponseOptions {
  readonly modelOptions?: { readonly [name: string]: unknown };
  readonly tools?: readonly { name: string; description: string; inputSchema?: object }[];
  readonly toolMode?: number;
}

export interface ChatModelProvider {
  readonly onDidChangeLanguageModelChatInformation?: vscode.Event<void>;
  provideLanguageModelChatInformation(options: { readonly silent: boolean }, token: vscode.CancellationToken): Promise<LmChatModel[]>;
  provideLanguageModelChatResponse(model: LmChatModel, messages: readonly RequestMessage[], options: ResponseOptions, progress: vscode.Progress<unknown>, token: vscode.CancellationToken): Promise<void>;
  provideTokenCount(model: LmChatModel, text: string | RequestMessage, token: vscode.CancellationToken): Promise<number>;
}

export type PartClass = abstract new (...args: never[]) => unknown;

/** The language-model API as it exists on hosts newer than our type definitions. */
export interface LanguageModelApi {
  lm: { registerLanguageModelChatProvider?(vendor: string, provider: ChatModelProvider): vscode.Disposable };
  LanguageModelTextPart?: new (value: string) => unknown;
  LanguageModelToolCallPart?: new (callId: string, name: string, input: object) => unknown;
  LanguageModelThinkingPart?: PartClass;
  LanguageModelPromptTsxPart?: PartClass;
}

export const languageModelApi = vscode as unknown as LanguageModelApi;

/** Whether this host has the provider API (1.104+) with the part classes the provider builds. */
export function hasLanguageModelProviderApi(api: LanguageModelApi = languageModelApi): boolean {
  return typeof api.lm.registerLanguageModelChatProvider === 'function' && Boolean(api.LanguageModelTextPart && api.LanguageModelToolCallPart);
}

export interface InvocationOptions {
  readonly input: unknown;
}

export interface PreparedInvocation {
  invocationMessage?: string;
  confirmationMessages?: { title: string; message: string | vscode.MarkdownString };
}

export interface LanguageModelTool {
  prepareInvocation(options: InvocationOptions, token: vscode.CancellationToken): Promise<PreparedInvocation>;
  invoke(options: InvocationOptions, token: vscode.CancellationToken): Promise<unknown>;
}

export interface ToolApi {
  lm: { registerTool?(name: string, tool: LanguageModelTool): vscode.Disposable };
  LanguageModelToolResult?: new (content: unknown[]) => unknown;
  LanguageModelTextPart?: new (value: string) => unknown;
}

/** Whether this host has vscode.lm.registerTool (1.95+) and the result classes a tool returns. */
export function hasLanguageModelToolsApi(api: ToolApi = vscode as unknown as ToolApi): boolean {
  return typeof api.lm.registerTool === 'function' && Boolean(api.LanguageModelToolResult && api.LanguageModelTextPart);
}

/** Whether this host has the chat participant API (src/vscode/native/lmNativeChat.ts creates @gemini). */
export function hasChatParticipantApi(): boolean {
  return typeof vscode.chat?.createChatParticipant === 'function';
}
