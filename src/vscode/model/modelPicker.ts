// gemini.selectModel: a quick pick of the models the key can chat with (from the catalog), each
// with its input/output limits and whether it thinks; the choice is written to `gemini.model`.
import * as vscode from 'vscode';
import { describeFailure } from '../../gemini/errors';
import { formatTokens } from '../../common/format';
import { chatModels, ModelCatalog, ModelInfo, modelStage, stageLabel } from '../../gemini/models';
import type { Config } from '../config';

export interface ModelPickerDeps {
  catalog: ModelCatalog;
  config: Config;
  /** Values never to show in an error (the API key). */
  secrets?: () => Iterable<string>;
}

interface ModelItem extends vscode.QuickPickItem {
  modelId?: string;
  custom?: boolean;
}

/** Registers gemini.selectModel: the picker, or with a model id (a retired model's replacement) that model at once. */
export function registerModelPicker(context: vscode.ExtensionContext, deps: ModelPickerDeps): void {
  context.subscriptions.push(vscode.commands.registerCommand('gemini.selectModel', (model?: unknown) =>
    typeof model === 'string' && MODEL_ID.test(model) ? switchModel(deps, model) : pickModel(deps)));
}

const MODEL_ID = /^[\w.-]{1,100}$/;

/** Writes `gemini.model` and says so: the one-click recovery of a retired model. */
export async function switchModel(deps: ModelPickerDeps, model: string): Promise<string> {
  if (deps.config.get('model') !== model) await deps.config.update('model', model);
  void vscode.window.showInformationMessage(vscode.l10n.t('Gemini now uses {0} (the "gemini.model" setting).', model));
  return model;
}

/** Shows the picker; resolves to the chosen model id, or undefined when dismissed or failed. */
export async function pickModel(deps: ModelPickerDeps): Promise<string | undefined> {
  const current = deps.config.get('model');
  const pick = vscode.window.createQuickPick<ModelItem>();
  pick.title = vscode.l10n.t('Gemini: Select Model');
  pick.placeholder = vscode.l10n.t('Current: {0}', current);
  pick.matchOnDescription = true;
  pick.busy = true;
  pick.show();
  try {
    const models = chatModels(await deps.catalog.list());
    pick.items = toItems(models, current);
    pick.activeItems = pick.items.filter((item) => item.modelId === current);
    pick.busy = false;
  } catch (err) {
    pick.dispose();
    const failure = describeFailure(err, { secrets: deps.secrets?.() });
    const setKey = vscode.l10n.t('Set API Key');
    const choice = await vscode.window.showErrorMessage(vscode.l10n.t('Could not list the Gemini models. {0}', failure.message), ...(failure.action === 'setKey' ? [setKey] : []));
    if (choice === setKey) await vscode.commands.executeCommand('gemini.setApiKey');
    return undefined;
  }
  const chosen = await new Promise<ModelItem | undefined>((resolve) => {
    pick.onDidAccept(() => resolve(pick.selectedItems[0]));
    pick.onDidHide(() => resolve(undefined));
  });
  pick.dispose();
  if (!chosen) return undefined;
  const model = chosen.custom ? await askForModelId(current) : chosen.modelId;
  if (!model || model === current) return model;
  await deps.config.update('model', model);
  return model;
}

export function toItems(models: ModelInfo[], current: string): ModelItem[] {
  const items: ModelItem[] = models.map((model) => ({
    label: `${model.id === current ? '$(check) ' : ''}${model.displayName}`,
    description: [model.id, stageLabel(modelStage(model.id))].filter(Boolean).join(' · '),
    detail: describeLimits(model),
    modelId: model.id,
  }));
  items.push({ label: '', kind: vscode.QuickPickItemKind.Separator });
  items.push({ label: `$(edit) ${vscode.l10n.t('Enter a model id…')}`, detail: vscode.l10n.t('For a model that is not listed, e.g. a tuned model or a new preview.'), custom: true });
  return items;
}

function describeLimits(model: ModelInfo): string {
  const parts: string[] = [];
  if (model.inputTokenLimit) parts.push(vscode.l10n.t('input {0} tokens', formatTokens(model.inputTokenLimit)));
  if (model.outputTokenLimit) parts.push(vscode.l10n.t('output {0}', formatTokens(model.outputTokenLimit)));
  parts.push(model.thinking ? vscode.l10n.t('thinking') : vscode.l10n.t('no thinking'));
  return parts.join(' · ');
}

async function askForModelId(current: string): Promise<string | undefined> {
  const value = await vscode.window.showInputBox({
    title: vscode.l10n.t('Gemini model id'),
    value: current,
    prompt: vscode.l10n.t('The id as the API knows it, e.g. gemini-3.8-flash'),
    validateInput: (text) => (/^(models\/)?[\w.\-]+$/.test(text.trim()) ? undefined : vscode.l10n.t('Letters, digits, dots and dashes only.')),
  });
  return value?.trim().replace(/^models\//, '') || undefined;
}
