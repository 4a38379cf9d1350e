// "Generate Commit Message": reads the staged diff through the built-in Git extension's API and
// writes Gemini's message into that repository's Source Control input box.
import * as vscode from 'vscode';
import type { Logger } from '../../common/logger';
import type { TurnRunner } from '../../gemini/turnContract';
import { unusableAnswer } from '../../actions/actionTurn';
import { buildCommitPrompt, cleanCommitMessage } from '../../actions/commitMessage';
import { COMMIT_MESSAGE_COMMAND } from '../../actions/kinds';
import { showFailure } from './failures';
import { runTurnWithProgress } from './progressTurn';

// The slice of the vscode.git API (extensions/git/src/api/git.d.ts, version 1) that we use.
interface GitRepository {
  readonly rootUri: vscode.Uri;
  readonly inputBox: { value: string };
  diff(cached?: boolean): Promise<string>;
  log(options?: { maxEntries?: number }): Promise<{ message: string }[]>;
}
interface GitApi {
  readonly repositories: GitRepository[];
}
interface GitExtension {
  readonly enabled: boolean;
  getAPI(version: 1): GitApi;
}

export interface CommitMessageDeps {
  runner: TurnRunner;
  log: Logger;
}

export type CommitMessageResult = { status: 'written'; message: string } | { status: 'cancelled' } | { status: 'failed'; message: string };

export function registerCommitMessage(context: vscode.ExtensionContext, deps: CommitMessageDeps): void {
  context.subscriptions.push(vscode.commands.registerCommand(COMMIT_MESSAGE_COMMAND, (arg?: unknown) => generateCommitMessage(deps, arg)));
}

export async function generateCommitMessage(deps: CommitMessageDeps, arg?: unknown): Promise<CommitMessageResult> {
  const git = await gitApi();
  if (!git) return failed(vscode.l10n.t('The built-in Git extension is disabled or unavailable, so there is no staged change to read. Enable it (git.enabled) and try again.'));
  const repository = await pickRepository(git, arg);
  if (!repository) return failed(vscode.l10n.t('No Git repository is open. Open a folder that is a Git repository and stage some changes.'));

  const diff = await repository.diff(true);
  if (!diff.trim()) return failed(vscode.l10n.t('Nothing is staged. Stage the changes the commit should contain, then try again.'));
  const recent = await repository.log({ maxEntries: 5 }).then((commits) => commits.map((c) => c.message), () => []);
  const prompt = buildCommitPrompt(diff, { recentMessages: recent });

  const turn = await runTurnWithProgress(deps.runner, vscode.l10n.t('Gemini: writing a commit message…'), prompt);
  if (turn.status === 'stopped') return { status: 'cancelled' };
  const retry = (): unknown => vscode.commands.executeCommand(COMMIT_MESSAGE_COMMAND, arg);
  if (turn.failure) {
    deps.log.warn(`Commit message failed: ${turn.failure.code}: ${turn.failure.message}`);
    showFailure(turn.failure, retry);
    return { status: 'failed', message: turn.failure.message };
  }
  const message = cleanCommitMessage(turn.text);
  const problem = unusableAnswer(turn) ?? (message ? undefined : vscode.l10n.t('Gemini sent an empty commit message.'));
  if (problem) {
    showFailure({ code: 'unusableAnswer', message: problem, action: 'retry', retryable: true }, retry);
    return { status: 'failed', message: problem };
  }
  repository.inputBox.value = message;
  deps.log.info(`Wrote a commit message for ${vscode.workspace.asRelativePath(repository.rootUri)}`);
  await vscode.commands.executeCommand('workbench.view.scm');
  return { status: 'written', message };
}

async function gitApi(): Promise<GitApi | undefined> {
  const extension = vscode.extensions.getExtension<GitExtension>('vscode.git');
  if (!extension) return undefined;
  const exports = extension.isActive ? extension.exports : await extension.activate();
  return exports?.enabled ? exports.getAPI(1) : undefined;
}

/** The repository of the SCM title button that was clicked, else the active editor's, else ask. */
async function pickRepository(git: GitApi, arg: unknown): Promise<GitRepository | undefined> {
  const repositories = git.repositories;
  const argRoot = (arg as { rootUri?: vscode.Uri } | undefined)?.rootUri;
  const byRoot = argRoot && repositories.find((r) => r.rootUri.toString() === argRoot.toString());
  if (byRoot) return byRoot;
  if (repositories.length <= 1) return repositories[0];
  const active = vscode.window.activeTextEditor?.document.uri.fsPath;
  const containing = active
    ? repositories.filter((r) => active.startsWith(r.rootUri.fsPath)).sort((a, b) => b.rootUri.fsPath.length - a.rootUri.fsPath.length)[0]
    : undefined;
  if (containing) return containing;
  const picked = await vscode.window.showQuickPick(
    repositories.map((repository) => ({ label: vscode.workspace.asRelativePath(repository.rootUri), repository })),
    { title: vscode.l10n.t('Generate a commit message for which repository?') },
  );
  return picked?.repository;
}

function failed(message: string): CommitMessageResult {
  void vscode.window.showInformationMessage(message);
  return { status: 'failed', message };
}
