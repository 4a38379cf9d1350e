// Asking the user before a tool reads something. The question is pure data; the VS Code side
// (src/vscode/workspace/toolApproval.ts) shows it as a modal. "Always allow this session" is remembered
// here, per tool (approval mode 'ask') and per sensitive file.
import { modelArgumentLines, singleLine } from './approvalText';
import { SensitiveFile } from './tool';
import { locationKey } from './workspacePort';
import { l10n } from '../common/l10n';

export type ApprovalAnswer = 'allow' | 'allowSession' | 'deny';

export interface ApprovalRequest {
  tool: string;
  args: Record<string, unknown>;
  /** One line, e.g. "Gemini wants to read a sensitive file". */
  title: string;
  /** Exactly what the model wants: the call, its arguments (quoted, one line each), and the sensitive files it reads. */
  detail: string;
  /** Why the user is asked. */
  reasons: ('approvalModeAsk' | 'sensitiveFile')[];
  sensitiveFiles: string[];
}

export interface ToolApprover {
  approve(request: ApprovalRequest): Promise<ApprovalAnswer>;
}

/** Approves nothing: the safe default when no UI is attached. */
export const denyAllApprover: ToolApprover = { approve: async () => 'deny' };

export class SessionApprovals {
  private readonly tools = new Set<string>();
  private readonly files = new Set<string>();

  toolAllowed(tool: string): boolean { return this.tools.has(tool); }
  fileAllowed(file: SensitiveFile): boolean { return this.files.has(locationKey(file.location)); }
  allowTool(tool: string): void { this.tools.add(tool); }
  allowFile(file: SensitiveFile): void { this.files.add(locationKey(file.location)); }
  clear(): void { this.tools.clear(); this.files.clear(); }
}

export function buildApprovalRequest(tool: string, args: Record<string, unknown>, describe: string, askMode: boolean, sensitive: SensitiveFile[]): ApprovalRequest {
  // The action line and file names can carry model text (a query, a path): one line each, clipped;
  // the arguments are quoted under a label that says the model wrote them (approvalText.ts).
  const lines = [l10n.t('Tool: {0}', singleLine(tool, 60)), l10n.t('Action: {0}', singleLine(describe)), ...modelArgumentLines(args)];
  if (sensitive.length) {
    lines.push('', l10n.t('Sensitive files (they may contain secrets):'), ...sensitive.map((f) => `  ${singleLine(f.display)}  ${l10n.t("(matches '{0}')", singleLine(f.rule, 60))}`));
    lines.push('', l10n.t('Their contents will be sent to Gemini.'));
  }
  return {
    tool,
    args,
    title: sensitive.length ? (sensitive.length === 1 ? l10n.t('Gemini wants to read the sensitive file {0}', singleLine(sensitive[0].display, 80)) : l10n.t('Gemini wants to read {0} sensitive files', sensitive.length)) : l10n.t('Gemini wants to run {0}', singleLine(tool, 60)),
    detail: lines.join('\n'),
    reasons: [...(askMode ? ['approvalModeAsk' as const] : []), ...(sensitive.length ? ['sensitiveFile' as const] : [])],
    sensitiveFiles: sensitive.map((f) => f.display),
  };
}
