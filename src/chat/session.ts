// A chat session as the host keeps and stores it: the display turns the webview shows, plus, beside
// them, the verbatim Gemini contents (thought signatures, function calls, inline images) that are
// sent back to the engine as history. The display model is never used to rebuild history when the
// verbatim contents exist.
import { l10n } from '../common/l10n';
import type { Content, Part } from '@google/genai';
import type { ChatOptions, ChatSummary, ChatView, ModelTurnView, TurnView, UserTurnView } from '../protocol/view';
import { answerText } from '../protocol/view';

export interface StoredUserTurn extends UserTurnView {
  /** Parts of the attached context (text excerpts, inlineData images), sent before the typed text. */
  attachmentParts: Part[];
  /** Expiry (RFC 3339) of each Files API upload among the parts, by file URI. */
  fileExpiries?: Record<string, string>;
}

export interface StoredModelTurn extends ModelTurnView {
  /** TurnOutcome.contents, verbatim: the user message, each model content, each tool response. */
  contents?: Content[];
}

export type StoredTurn = StoredUserTurn | StoredModelTurn;

export interface ChatSession {
  version: 1;
  id: string;
  title: string;
  turns: StoredTurn[];
  createdAt: number;
  updatedAt: number;
  /** The chat's own model, search, code execution and thinking choices. */
  options?: ChatOptions;
}

/** A new chat's title, in the display language when it was created (it is stored as it is). */
function untitled(): string {
  return l10n.t('New chat');
}
const TITLE_LENGTH = 60;

export function newChatId(now = Date.now()): string {
  return `c${now.toString(36)}${Math.random().toString(36).slice(2, 8)}`;
}

export function newTurnId(): string {
  return `t${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
}

export function createSession(id: string, now: number): ChatSession {
  return { version: 1, id, title: untitled(), turns: [], createdAt: now, updatedAt: now };
}

export function titleFrom(text: string): string {
  const line = text.trim().split('\n', 1)[0].replace(/\s+/g, ' ').trim();
  if (!line) return untitled();
  return line.length > TITLE_LENGTH ? `${line.slice(0, TITLE_LENGTH - 1)}…` : line;
}

export function userMessage(turn: StoredUserTurn): Content {
  const parts: Part[] = [...turn.attachmentParts];
  if (turn.text) parts.push({ text: turn.text });
  return { role: 'user', parts };
}

/**
 * The history to send before turn `end` (exclusive). Each finished exchange contributes its
 * verbatim contents; an exchange that failed part-way is trimmed so the history never ends on a
 * dangling function call or on two user messages in a row; an answer cut by a reload (no verbatim
 * contents) contributes its visible text.
 */
export function historyBefore(session: ChatSession, end = session.turns.length, now = Date.now()): Content[] {
  const history: Content[] = [];
  const expiries: Record<string, string> = {};
  for (let i = 0; i < end; i++) {
    const turn = session.turns[i];
    if (turn.role !== 'user') continue;
    Object.assign(expiries, turn.fileExpiries);
    const answer = session.turns[i + 1];
    if (!answer || answer.role !== 'model' || i + 1 >= end) continue;
    history.push(...exchangeContents(turn, answer));
  }
  return withoutExpiredFiles(history, expiries, now);
}

/**
 * The Files API deletes uploads after 48 hours; a history still pointing at one is refused. Such
 * parts are replaced by a note, so an old chat can go on (the model is told the file is gone).
 */
export function withoutExpiredFiles(contents: Content[], expiries: Record<string, string>, now: number): Content[] {
  const expired = (uri: string | undefined) => !!uri && !!expiries[uri] && Date.parse(expiries[uri]) <= now;
  if (!contents.some((c) => c.parts?.some((p) => expired(p.fileData?.fileUri)))) return contents;
  return contents.map((content) => ({
    ...content,
    parts: content.parts?.map((part) => (expired(part.fileData?.fileUri)
      ? { text: '[An attached file was here; it has expired from the Gemini Files API (files are kept 48 hours).]' }
      : part)),
  }));
}

function exchangeContents(user: StoredUserTurn, answer: StoredModelTurn): Content[] {
  const contents = answer.contents?.length ? [...answer.contents] : fallbackContents(user, answer);
  while (contents.length > 1 && !endsCleanly(contents[contents.length - 1])) contents.pop();
  return contents.length > 1 ? contents : [];
}

function fallbackContents(user: StoredUserTurn, answer: StoredModelTurn): Content[] {
  const text = answerText(answer);
  return text ? [userMessage(user), { role: 'model', parts: [{ text }] }] : [userMessage(user)];
}

function endsCleanly(content: Content): boolean {
  return content.role === 'model' && !!content.parts?.length && !content.parts.some((p) => p.functionCall);
}

/** A turn still marked streaming when a chat is loaded was cut by a reload or a crash. */
export function reviveSession(session: ChatSession): ChatSession {
  for (const turn of session.turns) {
    if (turn.role === 'model' && turn.status === 'streaming') {
      turn.status = 'interrupted';
      turn.retry = undefined;
    }
  }
  return session;
}

export function toChatView(session: ChatSession): ChatView {
  return {
    id: session.id, title: session.title, turns: session.turns.map(toTurnView), createdAt: session.createdAt, updatedAt: session.updatedAt,
    ...(session.options ? { options: { ...session.options } } : {}),
  };
}

export function toTurnView(turn: StoredTurn): TurnView {
  if (turn.role === 'user') {
    const { attachmentParts: _parts, fileExpiries: _expiries, ...view } = turn;
    return view;
  }
  const { contents: _contents, ...view } = turn;
  return view;
}

export function summarize(session: ChatSession, snippet?: string): ChatSummary {
  return { id: session.id, title: session.title, updatedAt: session.updatedAt, turnCount: session.turns.length, ...(snippet ? { snippet } : {}) };
}

/** Case-insensitive search in the title and every visible text; returns an excerpt or undefined. */
export function matchSession(session: ChatSession, query: string): string | undefined {
  const needle = query.trim().toLowerCase();
  if (!needle) return session.title;
  const haystacks = [session.title, ...session.turns.map((t) => (t.role === 'user' ? t.text : answerText(t)))];
  for (const text of haystacks) {
    const at = text.toLowerCase().indexOf(needle);
    if (at >= 0) return excerpt(text, at, needle.length);
  }
  return undefined;
}

function excerpt(text: string, at: number, length: number): string {
  const start = Math.max(0, at - 40);
  const end = Math.min(text.length, at + length + 60);
  return `${start > 0 ? '…' : ''}${text.slice(start, end).replace(/\s+/g, ' ')}${end < text.length ? '…' : ''}`;
}

export function isModelTurn(turn: StoredTurn | undefined): turn is StoredModelTurn {
  return turn?.role === 'model';
}
