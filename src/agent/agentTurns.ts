// Agent mode across a turn's life: gives an Agent-mode turn its write tools and a fresh ChangeSet,
// shows the proposals as they come, opens the review when the turn ends (or drops everything when
// it was stopped), carries out the user's decisions, applies the accepted files once every file is
// decided, and tells the model the outcome. Pure: the editor side (src/vscode/agent/) implements
// AgentHost.
import type { ToolExecutor } from '../gemini/turnContract';
import type { ChatSession } from '../chat/session';
import { ChatRejection } from '../chat/rejection';
import type { ChangesView, ReviewAction } from '../protocol/changes';
import type { ModelTurnStatus } from '../protocol/view';
import type { ToolScope } from '../tools/context';
import { AGENT_TOOL_NAMES } from '../tools/table';
import { ChangeSet, FileChange } from './changeSet';
import { PendingData, fromPendingData, toPendingData } from './persist';
import { reviewReport } from './report';
import type { WorkspaceFolderInfo } from '../tools/workspacePort';
import { l10n } from '../common/l10n';

export interface AgentSettings {
  autoApply: boolean;
  maxEditBytes: number;
  /** Automatic follow-ups (after auto-applied turns) in a row, at most. */
  maxToolRounds: number;
}

export interface TurnRef { chatId: string; turnId: string }

export interface AgentHost {
  /** Stores the turn's card with the chat and shows it. */
  show(turn: TurnRef, view: ChangesView): Promise<void>;
  /** Writes the files as one edit, after a checkpoint; sets each file's outcome. True when a checkpoint was kept. */
  apply(turn: TurnRef, set: ChangeSet, files: FileChange[]): Promise<boolean>;
  /** Errors and warnings of the written files, one line each. */
  diagnostics(files: FileChange[]): Promise<string[]>;
  /** Sends the review report to the model (as the next message, when the chat is open and idle). */
  followUp(turn: TurnRef, report: string): Promise<void>;
  /** Keeps (data) or forgets (undefined) a turn's pending proposals across a reload. */
  persist(turn: TurnRef, data: PendingData | undefined): Promise<void>;
  openDiff(turn: TurnRef, set: ChangeSet, file: FileChange): Promise<void>;
  /** Restores the checkpoint of a turn after a preview; false when the user cancelled. */
  restore(turn: TurnRef): Promise<boolean>;
  settings(): AgentSettings;
  /** Why Agent mode is off here (Restricted Mode, a read-only file system), or undefined. */
  unavailable(): string | undefined;
  now(): number;
}

export interface ReviewRequest { turnId: string; action: ReviewAction; fileId?: string; hunkId?: number; reason?: string }

interface Entry extends TurnRef {
  set: ChangeSet;
  status: ChangesView['status'];
  applying?: boolean;
  auto?: boolean;
}

export const DROPPED_STOPPED = 'The turn was stopped before it finished: none of its proposed changes were written.';
export const DROPPED_RELOAD = 'These proposed changes could not be kept across the window reload: nothing was written. Ask Gemini again if you still want them.';
/** The write tools: a call that succeeded added a proposal, so the Changes card is redrawn. */
const WRITE_TOOLS = new Set(AGENT_TOOL_NAMES);

export class AgentTurns {
  private readonly entries = new Map<string, Entry>();
  /** Automatic follow-ups in a row per chat (auto-apply), bounded by maxToolRounds. */
  private readonly chains = new Map<string, number>();

  constructor(private readonly registry: { forTurn(scope: ToolScope): ToolExecutor }, private readonly host: AgentHost) {}

  /** The tools of a turn: Agent mode gets the write tools and a ChangeSet; otherwise undefined (the engine's read tools). */
  toolsFor(session: Pick<ChatSession, 'id' | 'options'>, turnId: string): ToolExecutor | undefined {
    if (session.options?.mode !== 'agent' || this.host.unavailable()) return undefined;
    const entry: Entry = { chatId: session.id, turnId, set: new ChangeSet(), status: 'proposing' };
    this.entries.set(turnId, entry);
    const inner = this.registry.forTurn({ mode: 'agent', changes: entry.set, maxEditBytes: this.host.settings().maxEditBytes });
    return {
      declarations: () => inner.declarations(),
      execute: async (call, signal) => {
        const result = await inner.execute(call, signal);
        if (result.ok && WRITE_TOOLS.has(call.name)) await this.show(entry);
        return result;
      },
    };
  }

  pendingTurn(turnId: string): ChangeSet | undefined {
    return this.entries.get(turnId)?.set;
  }

  /** The turn ended: review (or auto-apply) what it proposed; a stopped turn writes nothing. */
  async settled(turn: TurnRef, status: ModelTurnStatus): Promise<void> {
    const entry = this.entries.get(turn.turnId);
    if (!entry || entry.status !== 'proposing') return;
    if (entry.set.files.length === 0) {
      this.entries.delete(turn.turnId);
      return;
    }
    if (status === 'stopped' || status === 'interrupted') return this.drop(entry, DROPPED_STOPPED);
    entry.status = 'review';
    const { autoApply } = this.host.settings();
    if (autoApply) {
      for (const file of entry.set.files) if (file.kind === 'edit' || file.kind === 'create') entry.set.decide(file.id, 'accepted');
      entry.auto = true;
    } else this.chains.delete(entry.chatId);
    await this.host.persist(entry, toPendingData(entry.chatId, entry.turnId, entry.set, this.host.now()));
    await this.show(entry);
    if (entry.set.pending.length === 0) await this.finish(entry);
  }

  async review(request: ReviewRequest): Promise<void> {
    if (request.action === 'restore') {
      return void (await this.host.restore({ chatId: this.entries.get(request.turnId)?.chatId ?? '', turnId: request.turnId }));
    }
    const entry = this.entries.get(request.turnId);
    if (!entry) throw new ChatRejection(l10n.t('These changes are no longer waiting for review (they were applied, rejected or dropped).'));
    const { set } = entry;
    if (request.action === 'open') return this.host.openDiff(entry, set, set.get(need(request.fileId)));
    if (entry.status !== 'review' || entry.applying) throw new ChatRejection(entry.status === 'proposing' ? l10n.t('Gemini is still proposing changes; review them when the answer is complete.') : l10n.t('These changes are being applied.'));
    switch (request.action) {
      case 'accept': set.decide(need(request.fileId), 'accepted'); break;
      case 'reject': set.decide(need(request.fileId), 'rejected', request.reason); break;
      case 'toggleHunk': {
        const file = set.toggleHunk(need(request.fileId), request.hunkId ?? -1);
        if (file.decision !== 'pending' && !file.hunks.some((h) => h.accepted)) set.decide(file.id, 'pending');
        break;
      }
      case 'acceptAll': set.decideAll('accepted'); break;
      case 'rejectAll': set.decideAll('rejected', request.reason); break;
    }
    entry.auto = false;
    this.chains.delete(entry.chatId);
    if (set.pending.length === 0) return this.finish(entry);
    await this.host.persist(entry, toPendingData(entry.chatId, entry.turnId, set, this.host.now()));
    await this.show(entry);
  }

  /** Brings back proposals saved before a reload; false (and the card dropped) when that is impossible. */
  async revive(data: PendingData, folders: readonly WorkspaceFolderInfo[]): Promise<boolean> {
    let set: ChangeSet;
    try {
      set = fromPendingData(data, folders);
    } catch (error) {
      await this.host.persist(data, undefined);
      await this.host.show(data, { status: 'dropped', files: [], note: `${DROPPED_RELOAD} (${(error as Error).message})` });
      return false;
    }
    const entry: Entry = { chatId: data.chatId, turnId: data.turnId, set, status: 'review' };
    this.entries.set(data.turnId, entry);
    return true;
  }

  /** A chat came from the store: a card still proposing or in review with nothing held is dropped, never applied. */
  async chatLoaded(session: ChatSession): Promise<void> {
    for (const turn of session.turns) {
      if (turn.role !== 'model' || !turn.changes) continue;
      const open = turn.changes.status === 'proposing' || turn.changes.status === 'review';
      if (!open || this.entries.has(turn.id)) continue;
      const files = turn.changes.files.map((f) => ({ ...f, outcome: 'dropped' as const }));
      await this.host.show({ chatId: session.id, turnId: turn.id }, { status: 'dropped', files, note: DROPPED_RELOAD });
    }
  }

  private async drop(entry: Entry, note: string): Promise<void> {
    this.entries.delete(entry.turnId);
    for (const file of entry.set.files) file.outcome = 'dropped';
    await this.host.persist(entry, undefined);
    await this.host.show(entry, { ...entry.set.view('dropped'), note });
  }

  private async finish(entry: Entry): Promise<void> {
    if (entry.applying) return;
    entry.applying = true;
    const { set } = entry;
    const files = set.toApply();
    for (const file of set.files) if (!files.includes(file)) file.outcome = 'rejected';
    let checkpoint = false;
    try {
      if (files.length) checkpoint = await this.host.apply(entry, set, files);
    } finally {
      this.entries.delete(entry.turnId);
      await this.host.persist(entry, undefined);
    }
    entry.status = 'applied';
    await this.host.show(entry, { ...set.view('applied'), ...(checkpoint ? { checkpoint: true } : {}) });
    const written = set.files.filter((f) => f.outcome === 'applied');
    const diagnostics = written.length ? await this.host.diagnostics(written).catch(() => []) : [];
    const chain = entry.auto ? (this.chains.get(entry.chatId) ?? 0) + 1 : 0;
    if (entry.auto && chain > this.host.settings().maxToolRounds) return;
    this.chains.set(entry.chatId, chain);
    await this.host.followUp(entry, reviewReport(set, diagnostics));
  }

  private async show(entry: Entry): Promise<void> {
    await this.host.show(entry, entry.set.view(entry.status));
  }
}

function need(fileId: string | undefined): string {
  if (!fileId) throw new ChatRejection(l10n.t('Which file? The request named none.'));
  return fileId;
}
