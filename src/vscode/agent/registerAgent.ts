// Agent mode in the editor: implements AgentHost (the Changes card through the chat controller,
// the guarded apply, checkpoints, diagnostics, diffs, the follow-up message), keeps pending
// proposals under the extension's storage so a reload can bring them back, and says when Agent
// mode is unavailable (Restricted Mode, read-only or no workspace).
import * as vscode from 'vscode';
import type { Logger } from '../../common/logger';
import { AgentHost, AgentSettings, AgentTurns, ReviewRequest, TurnRef } from '../../agent/agentTurns';
import type { ChangeSet, FileChange } from '../../agent/changeSet';
import type { PendingData } from '../../agent/persist';
import type { ChatController } from '../../chat/controller';
import type { ChatSession } from '../../chat/session';
import type { ToolExecutor } from '../../gemini/turnContract';
import type { ChangesView } from '../../protocol/changes';
import type { ModelTurnStatus } from '../../protocol/view';
import type { ToolScope } from '../../tools/context';
import { applyAccepted } from './applyChanges';
import { agentUnavailable } from './availability';
import { CheckpointStore } from './checkpointStore';
import { VsCodeWorkspacePort } from '../workspace/workspacePort';
import { ProposalDocuments } from './proposalDocuments';
import { uriOf } from './uris';

/** What the chat needs from Agent mode (see ChatControllerDeps and ChatHostPort). */
export interface ChatAgent {
  /** Resolves once proposals pending before a reload are back (restore the chat after it). */
  ready: Promise<void>;
  attach(controller: ChatController): void;
  turnTools(session: ChatSession, turnId: string): ToolExecutor | undefined;
  onTurnSettled(chatId: string, turnId: string, status: ModelTurnStatus): void;
  onChatLoaded(session: ChatSession): void;
  review(request: ReviewRequest): Promise<void>;
  unavailable(): string | undefined;
}

export interface AgentDeps {
  /** The executor of an Agent-mode turn (the workspace registry's forTurn, plus VS Code's tools the user enabled). */
  tools: { forTurn(scope: ToolScope): ToolExecutor };
  log: Logger;
  settings(): AgentSettings;
}

const DIAGNOSTICS_WAIT_MS = 1500;
const MAX_DIAGNOSTIC_LINES = 40;

export function registerAgent(context: vscode.ExtensionContext, deps: AgentDeps): ChatAgent {
  const storage = context.storageUri ?? context.globalStorageUri;
  const pendingFolder = vscode.Uri.joinPath(storage, 'agent', 'pending');
  const checkpoints = new CheckpointStore(storage, deps.log, () => vscode.workspace.getConfiguration('gemini').get<number>('agent.maxCheckpoints', 30));
  const documents = new ProposalDocuments();
  context.subscriptions.push(documents, documents.register());
  let controller: ChatController | undefined;

  const unavailable = agentUnavailable;

  const host: AgentHost = {
    show: async (turn: TurnRef, view: ChangesView) => {
      const set = turns.pendingTurn(turn.turnId);
      if (set) documents.refresh(set);
      await controller?.setTurnChanges(turn.chatId, turn.turnId, view);
    },
    apply: (turn: TurnRef, set: ChangeSet, files: FileChange[]) => applyAccepted(set, files, (snapshot) => checkpoints.save(turn.chatId, turn.turnId, snapshot)),
    diagnostics: (files: FileChange[]) => diagnosticsOf(files),
    followUp: async (turn: TurnRef, report: string) => {
      if (!controller || controller.chatId !== turn.chatId || controller.busy) {
        deps.log.info('Agent: the review report was not sent (the chat is busy or no longer open).');
        return;
      }
      const last = controller.current().turns.at(-1);
      if (last?.id !== turn.turnId) return;
      await controller.send(report).catch((error: Error) => deps.log.warn(`Agent: cannot send the review report: ${error.message}`));
    },
    persist: async (turn: TurnRef, data: PendingData | undefined) => {
      const file = vscode.Uri.joinPath(pendingFolder, `${turn.turnId.replace(/[^\w-]/g, '_')}.json`);
      try {
        if (!data) return void (await vscode.workspace.fs.delete(file).then(undefined, () => undefined));
        await vscode.workspace.fs.createDirectory(pendingFolder);
        await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(JSON.stringify(data)));
      } catch (error) {
        deps.log.warn(`Agent: cannot save pending changes: ${(error as Error).message}`);
      }
    },
    openDiff: (turn: TurnRef, set: ChangeSet, file: FileChange) => documents.show(turn.turnId, set, file, file.kind === 'create' ? undefined : uriOf(file.location)),
    restore: async (turn: TurnRef) => {
      const restored = await checkpoints.restore(turn.turnId, async (summary) => {
        const answer = await vscode.window.showWarningMessage(vscode.l10n.t('Restore the files to before this turn?'), { modal: true, detail: vscode.l10n.t('{0}\n\nFiles open in an editor can be changed back with Undo; the others are written back directly.', summary) }, vscode.l10n.t('Restore'));
        return answer === vscode.l10n.t('Restore');
      });
      if (restored) await markRestored(turn.turnId);
      return restored;
    },
    settings: deps.settings,
    unavailable,
    now: () => Date.now(),
  };
  const turns = new AgentTurns(deps.tools, host);

  const markRestored = async (turnId: string) => {
    const session = controller?.current();
    const turn = session?.turns.find((t) => t.id === turnId);
    if (!session || turn?.role !== 'model' || !turn.changes) return;
    await controller!.setTurnChanges(session.id, turnId, { ...turn.changes, restored: true });
  };

  const ready = (async () => {
    try {
      const entries = await vscode.workspace.fs.readDirectory(pendingFolder);
      for (const [name] of entries.filter(([n]) => n.endsWith('.json'))) {
        const data = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(pendingFolder, name)))) as PendingData;
        await turns.revive(data, new VsCodeWorkspacePort().folders());
      }
    } catch {
      // No pending folder yet: nothing was pending.
    }
  })();

  return {
    ready,
    attach: (c) => { controller = c; },
    turnTools: (session, turnId) => turns.toolsFor(session, turnId),
    onTurnSettled: (chatId, turnId, status) => void turns.settled({ chatId, turnId }, status).catch((error: Error) => deps.log.error(`Agent: ${error.message}`)),
    onChatLoaded: (session) => void turns.chatLoaded(session).catch((error: Error) => deps.log.warn(`Agent: ${error.message}`)),
    review: async (request) => {
      if (request.action === 'restore' && !(await checkpoints.has(request.turnId))) throw new Error(vscode.l10n.t('This turn has no checkpoint any more (it was pruned; see gemini.agent.maxCheckpoints).'));
      await turns.review(request);
    },
    unavailable,
  };
}

/** Errors and warnings of the written files, after giving the language servers a moment. */
async function diagnosticsOf(files: FileChange[]): Promise<string[]> {
  const uris = files.filter((f) => f.kind !== 'delete').map((f) => ({ uri: uriOf(f.newLocation ?? f.location), display: f.newDisplay ?? f.display }));
  const keys = new Set(uris.map((u) => u.uri.toString()));
  await new Promise<void>((resolve) => {
    const timer = setTimeout(done, DIAGNOSTICS_WAIT_MS);
    const listener = vscode.languages.onDidChangeDiagnostics((event) => { if (event.uris.some((u) => keys.has(u.toString()))) done(); });
    function done() { clearTimeout(timer); listener.dispose(); resolve(); }
  });
  const lines: string[] = [];
  for (const { uri, display } of uris) {
    for (const d of vscode.languages.getDiagnostics(uri)) {
      if (d.severity > vscode.DiagnosticSeverity.Warning) continue;
      const severity = d.severity === vscode.DiagnosticSeverity.Error ? 'error' : 'warning';
      lines.push(`${display}:${d.range.start.line + 1}:${d.range.start.character + 1} ${severity}: ${d.message}${d.source ? ` (${d.source})` : ''}`);
    }
  }
  return lines.length > MAX_DIAGNOSTIC_LINES ? [...lines.slice(0, MAX_DIAGNOSTIC_LINES), `… and ${lines.length - MAX_DIAGNOSTIC_LINES} more`] : lines;
}
