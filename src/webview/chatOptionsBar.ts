// The composer's per-chat switches: Google Search grounding, code execution, URL context, the whole workspace, and a thinking picker
// whose choices fit the chat's model (a token budget on 2.5, a level on 3.x, nothing for models that
// do not think). The host owns the options: a click posts the change and the bar redraws when the
// host confirms it with `chatOptions`. Beside "Whole workspace", "Manifest" reopens the manifest of
// the chat's pack after the first send; before there is a pack it is disabled and says why.
import type { ChatOptions, ModelSummary } from '../protocol/view';
import type { WorkspacePackInfo } from '../protocol/workspacePack';
import type { HostConnection } from './api';
import { formatNumber, formatTokens } from '../common/format';
import { h, icon } from './dom';
import { l10n } from '../common/l10n';

const TOGGLES = [
  { key: 'googleSearch', icon: 'globe', label: l10n.t('Search'), title: l10n.t('Ground answers in Google Search (answers cite their sources)') },
  { key: 'codeExecution', icon: 'terminal', label: l10n.t('Code'), title: l10n.t('Let Gemini write and run Python code to compute answers') },
  { key: 'urlContext', icon: 'link', label: l10n.t('URLs'), title: l10n.t('Let Gemini read the web pages whose URLs your message names (answers list the pages read)') },
  { key: 'wholeWorkspace', icon: 'files', label: l10n.t('Whole workspace'), title: l10n.t('Send the workspace\'s text files with your questions (most relevant first, within half the model\'s input limit; ignored and sensitive files never). Shows the token count and cost before the first send; later questions reuse it from Gemini\'s context cache') },
] as const;

const MODES = [
  { key: 'ask', icon: 'comment-discussion', label: l10n.t('Ask'), title: l10n.t('Ask mode: Gemini reads your workspace but never changes it') },
  { key: 'agent', icon: 'edit', label: l10n.t('Agent'), title: l10n.t('Agent mode: Gemini may propose file changes; nothing is written until you accept them in the Changes card') },
] as const;

export class ChatOptionsBar {
  readonly element: HTMLElement;
  private readonly thinking: HTMLSelectElement;
  private readonly buttons: Record<(typeof TOGGLES)[number]['key'], HTMLButtonElement>;
  private readonly modes: HTMLElement;
  private readonly modeButtons: HTMLButtonElement[];
  private readonly manifest: HTMLButtonElement;
  private readonly manifestSize: HTMLElement;

  constructor(private readonly host: HostConnection) {
    this.thinking = h('select', { class: 'thinking-select', 'aria-label': l10n.t('Thinking') });
    const [search, code, urls, workspace] = TOGGLES.map((toggle) => h('button', {
      type: 'button', class: 'option-toggle', 'data-chat-option': toggle.key, 'aria-pressed': 'false', title: toggle.title,
    }, icon(toggle.icon), h('span', { class: 'option-label' }, toggle.label)));
    this.buttons = { googleSearch: search, codeExecution: code, urlContext: urls, wholeWorkspace: workspace };
    const tools = h('button', { type: 'button', class: 'option-toggle tools-picker', title: l10n.t('Choose which of VS Code\'s tools (MCP servers, other extensions) Gemini may call') },
      icon('tools'), h('span', { class: 'option-label' }, l10n.t('Tools')));
    tools.addEventListener('click', () => this.host.post({ type: 'pickTools' }));
    this.manifestSize = h('span', { class: 'pack-size' });
    // aria-disabled rather than disabled: the reason in its tooltip stays reachable by hover and focus.
    this.manifest = h('button', { type: 'button', class: 'option-toggle pack-manifest', 'data-pack-manifest': 'open', 'aria-disabled': 'true', hidden: true },
      icon('checklist'), h('span', { class: 'option-label' }, l10n.t('Manifest')), this.manifestSize);
    this.manifest.addEventListener('click', () => {
      if (this.manifest.getAttribute('aria-disabled') !== 'true') this.host.post({ type: 'openPackManifest' });
    });
    this.modeButtons = MODES.map((mode) => h('button', {
      type: 'button', class: 'option-toggle mode-toggle', 'data-chat-mode': mode.key, 'aria-pressed': String(mode.key === 'ask'), title: mode.title,
    }, icon(mode.icon), h('span', { class: 'option-label' }, mode.label)));
    this.modes = h('div', { class: 'chat-modes', role: 'group', 'aria-label': l10n.t('Mode of this chat'), hidden: true }, ...this.modeButtons);
    this.element = h('div', { class: 'chat-options', role: 'group', 'aria-label': l10n.t('Options of this chat') }, this.modes, search, code, urls, workspace, this.manifest, tools, this.thinking);
    this.element.addEventListener('click', (event) => {
      const modeButton = (event.target as Element).closest<HTMLButtonElement>('[data-chat-mode]');
      if (modeButton && !modeButton.disabled) {
        this.host.post({ type: 'setChatOptions', mode: modeButton.getAttribute('data-chat-mode') as 'ask' | 'agent' });
        return;
      }
      const button = (event.target as Element).closest<HTMLButtonElement>('[data-chat-option]');
      if (!button) return;
      const key = button.getAttribute('data-chat-option') as (typeof TOGGLES)[number]['key'];
      this.host.post({ type: 'setChatOptions', [key]: button.getAttribute('aria-pressed') !== 'true' });
    });
    this.thinking.addEventListener('change', () => this.host.post({ type: 'setChatOptions', thinking: this.thinking.value }));
  }

  /** Agent mode here: absent hides the switch; unavailable disables Agent with the reason. */
  setAgentStatus(status: { available: boolean; reason?: string } | undefined): void {
    this.modes.hidden = !status;
    const agent = this.modeButtons[1];
    agent.disabled = !status?.available;
    agent.title = status?.available ? MODES[1].title : status?.reason ?? '';
  }

  /** Shows the chat's options; `model` decides which thinking choices exist; `pack` is the chat's kept workspace pack. */
  render(options: ChatOptions | undefined, model: ModelSummary | undefined, pack?: WorkspacePackInfo): void {
    this.renderManifest(!!options?.wholeWorkspace, pack);
    const mode = options?.mode ?? 'ask';
    for (const button of this.modeButtons) {
      const on = button.getAttribute('data-chat-mode') === mode;
      button.setAttribute('aria-pressed', String(on));
      button.classList.toggle('on', on);
    }
    for (const [key, button] of Object.entries(this.buttons)) {
      const on = !!options?.[key as keyof typeof this.buttons];
      button.setAttribute('aria-pressed', String(on));
      button.classList.toggle('on', on);
    }
    const control = model?.thinking;
    const choices = control?.options ?? [];
    this.thinking.hidden = choices.length === 0;
    this.thinking.title = control?.hint ?? '';
    const value = options?.thinking ?? 'default';
    this.thinking.replaceChildren(...choices.map((choice) => h('option', { value: choice.value, selected: choice.value === value }, choice.label)));
    this.thinking.value = choices.some((choice) => choice.value === value) ? value : 'default';
  }

  /** Shown while "Whole workspace" is on or a pack is kept; usable only with a pack. */
  private renderManifest(on: boolean, pack: WorkspacePackInfo | undefined): void {
    this.manifest.hidden = !on && !pack;
    this.manifest.setAttribute('aria-disabled', String(!pack));
    this.manifest.classList.toggle('stale', !!pack?.stale);
    this.manifestSize.textContent = pack ? formatTokens(pack.tokens) : '';
    const title = !pack
      ? l10n.t('No manifest yet: the workspace is packed when you send your next message, and its manifest can be opened here afterwards.')
      : l10n.t("Show the manifest of this chat's workspace pack: {0} files, {1} tokens; {2} left out, with the reasons.", formatNumber(pack.files), formatNumber(pack.tokens), formatNumber(pack.omitted))
        + (pack.stale ? ' ' + l10n.t('Files changed since: the next question packs the workspace again.') : '');
    this.manifest.title = title;
    this.manifest.setAttribute('aria-label', title);
  }
}
