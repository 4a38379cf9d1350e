// What the chat's model picker shows of each model: its token limits (from models.list, when the
// catalog has them), whether it is a preview, and which thinking control fits it (budget, level or
// none). Pure.
import { modelStage, type ModelInfo } from '../gemini/models';
import { bareModelId } from '../gemini/modelFamily';
import { thinkingControl } from '../gemini/thinking';
import type { ModelSummary } from '../protocol/view';

export function toModelSummary(info: Pick<ModelInfo, 'id'> & Partial<ModelInfo>): ModelSummary {
  return {
    id: info.id,
    ...(info.displayName ? { displayName: info.displayName } : {}),
    ...(info.inputTokenLimit ? { inputTokenLimit: info.inputTokenLimit } : {}),
    ...(info.outputTokenLimit ? { outputTokenLimit: info.outputTokenLimit } : {}),
    stage: modelStage(info.id),
    thinking: thinkingControl(info.id, info.thinking),
  };
}

/** One summary per id, in order: the catalog's when it has the model, else what the id tells. */
export function summarizeModels(ids: string[], known: ModelSummary[]): ModelSummary[] {
  const byId = new Map(known.map((summary) => [bareModelId(summary.id), summary]));
  return ids.map((id) => byId.get(bareModelId(id)) ?? toModelSummary({ id }));
}
