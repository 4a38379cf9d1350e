// Where chats live between windows. FileChatStore writes one JSON file per chat in a folder the
// VS Code side chooses (the workspace's extension storage). Every write goes to a temporary file
// that is then renamed over the old one, so a crash leaves either the old or the new chat, never a
// half-written one; a file that is corrupt anyway is skipped and reported, never allowed to hide
// the other chats.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Logger } from '../common/logger';
import type { ChatSummary } from '../protocol/view';
import { ChatSession, matchSession, reviveSession, summarize } from './session';

export interface ChatStore {
  save(session: ChatSession): Promise<void>;
  /** Undefined when the chat does not exist or cannot be read. Streaming turns come back 'interrupted'. */
  load(id: string): Promise<ChatSession | undefined>;
  /** Newest first. */
  list(): Promise<ChatSummary[]>;
  search(query: string): Promise<ChatSummary[]>;
  delete(id: string): Promise<void>;
  lastOpened(): Promise<string | undefined>;
  setLastOpened(id: string | undefined): Promise<void>;
}

const ID_PATTERN = /^[A-Za-z0-9_-]{1,100}$/;
const LAST_OPENED_FILE = 'last-opened.json';

export class FileChatStore implements ChatStore {
  /** Writes of one chat run one after another, so an older snapshot never lands after a newer one. */
  private readonly queues = new Map<string, Promise<void>>();
  private readonly reportedCorrupt = new Set<string>();

  constructor(private readonly folder: string, private readonly log: Logger) {}

  async save(session: ChatSession): Promise<void> {
    const file = this.fileOf(session.id);
    // Serialise now: the caller keeps mutating the session while the write is queued.
    const text = JSON.stringify(session);
    await this.enqueue(session.id, () => this.writeAtomically(file, text));
  }

  async load(id: string): Promise<ChatSession | undefined> {
    if (!ID_PATTERN.test(id)) return undefined;
    await this.queues.get(id);
    const session = await this.read(this.fileOf(id));
    return session && reviveSession(session);
  }

  async list(): Promise<ChatSummary[]> {
    return (await this.readAll()).map((s) => summarize(s)).sort((a, b) => b.updatedAt - a.updatedAt);
  }

  async search(query: string): Promise<ChatSummary[]> {
    const hits: ChatSummary[] = [];
    for (const session of await this.readAll()) {
      const snippet = matchSession(session, query);
      if (snippet !== undefined) hits.push(summarize(session, query.trim() ? snippet : undefined));
    }
    return hits.sort((a, b) => b.updatedAt - a.updatedAt);
  }

  async delete(id: string): Promise<void> {
    if (!ID_PATTERN.test(id)) return;
    await this.enqueue(id, () => fs.rm(this.fileOf(id), { force: true }));
    if ((await this.lastOpened()) === id) await this.setLastOpened(undefined);
  }

  async lastOpened(): Promise<string | undefined> {
    try {
      const value = JSON.parse(await fs.readFile(path.join(this.folder, LAST_OPENED_FILE), 'utf8')) as { id?: unknown };
      return typeof value.id === 'string' && ID_PATTERN.test(value.id) ? value.id : undefined;
    } catch {
      return undefined;
    }
  }

  async setLastOpened(id: string | undefined): Promise<void> {
    await this.enqueue(LAST_OPENED_FILE, () => this.writeAtomically(path.join(this.folder, LAST_OPENED_FILE), JSON.stringify({ id: id ?? null })));
  }

  private fileOf(id: string): string {
    if (!ID_PATTERN.test(id)) throw new Error('Invalid chat id');
    return path.join(this.folder, `${id}.json`);
  }

  private async readAll(): Promise<ChatSession[]> {
    let names: string[];
    try {
      names = await fs.readdir(this.folder);
    } catch {
      return [];
    }
    const files = names.filter((n) => n.endsWith('.json') && n !== LAST_OPENED_FILE && ID_PATTERN.test(n.slice(0, -5)));
    const sessions = await Promise.all(files.map((n) => this.read(path.join(this.folder, n))));
    return sessions.filter((s): s is ChatSession => !!s).map(reviveSession);
  }

  private async read(file: string): Promise<ChatSession | undefined> {
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.log.warn(`Chat history: cannot read ${path.basename(file)}: ${(error as Error).message}`);
      return undefined;
    }
    try {
      const value = JSON.parse(text) as ChatSession;
      if (!isSession(value)) throw new Error('not a chat');
      return value;
    } catch (error) {
      if (!this.reportedCorrupt.has(file)) {
        this.reportedCorrupt.add(file);
        this.log.warn(`Chat history: skipping corrupt file ${path.basename(file)} (${(error as Error).message}); other chats are unaffected.`);
      }
      return undefined;
    }
  }

  private async writeAtomically(file: string, text: string): Promise<void> {
    await fs.mkdir(this.folder, { recursive: true });
    const temp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      const handle = await fs.open(temp, 'w');
      try {
        await handle.writeFile(text, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fs.rename(temp, file);
    } catch (error) {
      await fs.rm(temp, { force: true }).catch(() => undefined);
      throw error;
    }
  }

  private enqueue(key: string, work: () => Promise<void>): Promise<void> {
    const previous = this.queues.get(key) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(work);
    const settled = next.catch(() => undefined);
    this.queues.set(key, settled);
    void settled.then(() => {
      if (this.queues.get(key) === settled) this.queues.delete(key);
    });
    return next;
  }
}

function isSession(value: unknown): value is ChatSession {
  const v = value as ChatSession;
  return typeof v === 'object' && v !== null && typeof v.id === 'string' && typeof v.title === 'string' && Array.isArray(v.turns)
    && v.turns.every((t) => typeof t === 'object' && t !== null && (t.role === 'user' || t.role === 'model') && typeof t.id === 'string');
}

/** Keeps chats in memory only: for tests, and when VS Code gives no storage folder. */
export class MemoryChatStore implements ChatStore {
  private readonly chats = new Map<string, string>();
  private last: string | undefined;

  async save(session: ChatSession): Promise<void> { this.chats.set(session.id, JSON.stringify(session)); }
  async load(id: string): Promise<ChatSession | undefined> {
    const text = this.chats.get(id);
    return text ? reviveSession(JSON.parse(text) as ChatSession) : undefined;
  }
  async list(): Promise<ChatSummary[]> { return this.all().map((s) => summarize(s)).sort((a, b) => b.updatedAt - a.updatedAt); }
  async search(query: string): Promise<ChatSummary[]> {
    return this.all().flatMap((s) => {
      const snippet = matchSession(s, query);
      return snippet === undefined ? [] : [summarize(s, query.trim() ? snippet : undefined)];
    }).sort((a, b) => b.updatedAt - a.updatedAt);
  }
  async delete(id: string): Promise<void> { this.chats.delete(id); if (this.last === id) this.last = undefined; }
  async lastOpened(): Promise<string | undefined> { return this.last; }
  async setLastOpened(id: string | undefined): Promise<void> { this.last = id; }
  private all(): ChatSession[] { return [...this.chats.values()].map((t) => reviveSession(JSON.parse(t) as ChatSession)); }
}
