// The chat's host side as the extension wires it (controller, router, message sink) around the
// real engine talking to the emulator, for tests of features that go from the webview's message to
// the wire. The host port answers what every chat asks and refuses the rest, so a test that needs
// a host capability passes it in and an unexpected call fails loudly.
import { ChatController } from '../../../src/chat/controller';
import { ChatMessageRouter, type ChatHostPort } from '../../../src/chat/router';
import { MemoryChatStore, type ChatStore } from '../../../src/chat/store';
import { GeminiEmulator } from '../../emulator';
import { engineFor, type EngineSetup } from '../gemini/helpers';
import { MessageSink, RecordingLogger } from './helpers';

export const CHAT_MODEL = 'gemini-3.8-flash';

export function hostPort(overrides: Partial<ChatHostPort> = {}): ChatHostPort {
  const refuse = async () => { throw new Error('not used'); };
  return {
    hasApiKey: async () => true, getModel: () => CHAT_MODEL, listModels: async () => [], setModel: refuse, copy: refuse, insertCode: refuse,
    applyCode: refuse, saveCodeAsFile: refuse, openExternal: refuse, runFailureAction: refuse, collectContext: async () => [], saveExport: refuse,
    ...overrides,
  };
}

export interface EmulatorChatOptions {
  port?: Partial<ChatHostPort>;
  settings?: EngineSetup['settings'];
  store?: ChatStore;
  onChatClosed?: (chatId: string) => void;
  /** The configured model (`gemini.model`); default CHAT_MODEL. */
  model?: string;
}

export function emulatorChat(emu: GeminiEmulator, options: EmulatorChatOptions = {}) {
  const sink = new MessageSink();
  const store = options.store ?? new MemoryChatStore();
  const { engine } = engineFor(emu, { settings: { ...(options.model ? { model: options.model } : {}), ...options.settings } });
  const controller = new ChatController({
    runner: engine, store, log: new RecordingLogger(), post: sink.post, getModel: () => options.model ?? CHAT_MODEL, onChatClosed: options.onChatClosed,
  });
  const port = { ...(options.model ? { getModel: () => options.model! } : {}), ...options.port };
  const router = new ChatMessageRouter(controller, hostPort(port), new RecordingLogger(), sink.post);
  return { controller, router, sink, store };
}
