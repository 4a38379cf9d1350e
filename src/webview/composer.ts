// The composer: message box, context chips, attach buttons, send/stop. Enter sends, Shift+Enter
// adds a line, Up in an empty box edits the last message, Escape leaves edit mode. The draft is
// cleared only when the host accepts the message, so a refused send never loses what was typed.
import type { HostMessage } from '../protocol/messages';
import type { AttachmentChip, ChatOptions, ModelSummary } from '../protocol/view';
import type { WorkspacePackInfo } from '../protocol/workspacePack';
import type { HostConnection } from './api';
import { ChatOptionsBar } from './chatOptionsBar';
import { formatBytes } from '../common/format';
import { h, icon, iconButton } from './dom';
import { attachableType, readBase64, tooLargeToDrop, uploadsToFilesApi } from './droppedFiles';
import { TokenMeterView } from './tokenMeter';
import { chipIcon } from './turns';
import { l10n } from '../common/l10n';

export interface ComposerHooks {
  /** The last user message of the open chat, for "Up edits the last message". */
  lastUserTurn(): { id: string; text: string } | undefined;
}

export class Composer {
  readonly element: HTMLElement;
  readonly input: HTMLTextAreaElement;
  private readonly chips: HTMLElement;
  private readonly sendButton: HTMLButtonElement;
  private readonly notice: HTMLElement;
  private readonly editBar: HTMLElement;
  private attachments: AttachmentChip[] = [];
  private busy = false;
  private editingTurnId: string | undefined;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly options: ChatOptionsBar;
  private readonly meter: TokenMeterView;

  constructor(private readonly host: HostConnection, private readonly hooks: ComposerHooks) {
    this.input = h('textarea', { class: 'composer-input', rows: 1, placeholder: l10n.t('Ask Gemini about your code…'), 'aria-label': l10n.t('Message to Gemini') });
    this.chips = h('ul', { class: 'chips composer-chips', 'aria-label': l10n.t('Context to send') });
    this.sendButton = iconButton('send', l10n.t('Send message'), { class: 'icon-button send-button' });
    this.notice = h('div', { class: 'composer-notice', role: 'alert', hidden: true });
    this.editBar = h('div', { class: 'edit-bar', hidden: true }, icon('edit'), h('span', {}, ' ' + l10n.t('Editing a previous message: sending replaces it and everything after it.') + ' '),
      h('button', { type: 'button', class: 'link-button', 'data-composer': 'cancel-edit' }, l10n.t('Cancel')));
    this.options = new ChatOptionsBar(host);
    this.meter = new TokenMeterView(host, () => this.input.value, () => this.attachments.length > 0);
    const tools = h('div', { class: 'composer-tools' },
      iconButton('selection', l10n.t('Attach the current selection'), { 'data-attach': 'selection' }),
      iconButton('file-add', l10n.t('Attach a file… (text, images, PDFs)'), { 'data-attach': 'file' }),
      iconButton('files', l10n.t('Attach all open editors'), { 'data-attach': 'editors' }),
      iconButton('terminal', l10n.t('Attach the last terminal output'), { 'data-attach': 'terminal' }),
      this.meter.element,
      this.sendButton);
    this.element = h('footer', { class: 'composer' }, this.editBar, this.notice, this.chips, this.input, this.options.element, tools);

    const saved = host.state;
    this.input.value = saved.draft;
    this.editingTurnId = saved.editingTurnId;
    this.renderEditBar();
    this.autosize();
    this.wire();
  }

  setBusy(busy: boolean): void {
    this.busy = busy;
    this.sendButton.replaceChildren(icon(busy ? 'debug-stop' : 'send'));
    const label = busy ? l10n.t('Stop the answer') : l10n.t('Send message');
    this.sendButton.title = label;
    this.sendButton.setAttribute('aria-label', label);
    this.sendButton.classList.toggle('stop', busy);
  }

  /** The chat's search / code execution / thinking choices, for `model`. */
  /** Agent mode here: absent hides the Ask/Agent switch; unavailable disables it with the reason. */
  setAgentStatus(status: { available: boolean; reason?: string } | undefined): void {
    this.options.setAgentStatus(status);
  }

  setChatOptions(options: ChatOptions | undefined, model: ModelSummary | undefined, pack?: WorkspacePackInfo): void {
    this.options.render(options, model, pack);
  }

  /** Counts the next request's tokens again (the chat, model or attachments changed). */
  refreshTokenCount(): void {
    this.meter.schedule();
  }

  setAttachments(items: AttachmentChip[]): void {
    this.attachments = items;
    this.meter.schedule();
    this.chips.replaceChildren(...items.map((chip) => h('li', { class: 'chip', title: chip.detail ?? chip.label },
      icon(chipIcon(chip.kind)), h('span', { class: 'chip-label' }, chip.label), h('span', { class: 'chip-size' }, formatBytes(chip.bytes)),
      h('button', { type: 'button', class: 'chip-remove', 'aria-label': l10n.t('Remove {0}', chip.label), title: l10n.t('Remove'), 'data-remove-attachment': chip.id }, icon('close')))));
  }

  focus(): void {
    this.input.focus();
  }

  /** Puts a previous user message into the box; sending then resends from there. */
  startEdit(turnId: string, text: string): void {
    this.editingTurnId = turnId;
    this.input.value = text;
    this.renderEditBar();
    this.autosize();
    this.persist();
    this.input.focus();
    this.input.setSelectionRange(text.length, text.length);
  }

  cancelEdit(): void {
    if (!this.editingTurnId) return;
    this.editingTurnId = undefined;
    this.input.value = '';
    this.renderEditBar();
    this.autosize();
    this.persist();
  }

  /** `info` for progress (an upload), otherwise an error the user should read. */
  showNotice(text: string | undefined, kind: 'error' | 'info' = 'error'): void {
    this.notice.hidden = !text;
    this.notice.textContent = text ?? '';
    this.notice.classList.toggle('info', kind === 'info');
  }

  async submit(): Promise<void> {
    if (this.busy) {
      this.host.post({ type: 'stop' });
      return;
    }
    const text = this.input.value;
    if (!text.trim() && !this.attachments.length) return;
    const editing = this.editingTurnId;
    this.meter.cancel(); // the draft is on its way: counting it now would only cost a request
    const reply = editing
      ? await this.host.request({ type: 'editAndResend', turnId: editing, text })
      : await this.host.request({ type: 'send', text, attachments: this.attachments.map((a) => a.id) });
    if (!reply.ok) {
      this.showNotice(reply.error ?? l10n.t('The message could not be sent.'));
      this.meter.schedule();
      return;
    }
    this.showNotice(undefined);
    // Only clear what was sent: the user may have typed on while the host answered.
    if (this.input.value === text) this.input.value = '';
    this.editingTurnId = undefined;
    this.renderEditBar();
    this.autosize();
    this.persist();
    this.meter.schedule();
  }

  private wire(): void {
    this.input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        void this.submit();
      } else if (event.key === 'ArrowUp' && !this.input.value && !event.shiftKey) {
        const last = this.hooks.lastUserTurn();
        if (last) {
          event.preventDefault();
          this.startEdit(last.id, last.text);
        }
      } else if (event.key === 'Escape' && this.editingTurnId) {
        event.preventDefault();
        this.cancelEdit();
      }
    });
    this.input.addEventListener('input', () => {
      this.autosize();
      this.meter.schedule();
      if (this.saveTimer) clearTimeout(this.saveTimer);
      this.saveTimer = setTimeout(() => this.persist(), 200);
    });
    this.input.addEventListener('paste', (event) => {
      const files = Array.from(event.clipboardData?.files ?? []);
      if (files.length) {
        event.preventDefault();
        void this.attachFiles(files);
      }
    });
    this.element.addEventListener('dragover', (event) => {
      if (Array.from(event.dataTransfer?.items ?? []).some((i) => i.kind === 'file')) event.preventDefault();
    });
    this.element.addEventListener('drop', (event) => {
      const files = Array.from(event.dataTransfer?.files ?? []);
      if (files.length) {
        event.preventDefault();
        void this.attachFiles(files);
      }
    });
    this.element.addEventListener('click', (event) => {
      const target = event.target as Element;
      const attach = target.closest('[data-attach]')?.getAttribute('data-attach');
      if (attach === 'selection' || attach === 'file' || attach === 'editors' || attach === 'terminal') void this.attach(attach);
      const remove = target.closest('[data-remove-attachment]')?.getAttribute('data-remove-attachment');
      if (remove) this.host.post({ type: 'removeAttachment', id: remove });
      if (target.closest('[data-composer="cancel-edit"]')) this.cancelEdit();
      if (target.closest('.send-button')) void this.submit();
    });
  }

  private async attach(kind: 'selection' | 'file' | 'editors' | 'terminal'): Promise<void> {
    const reply = await this.host.request({ type: 'attach', kind });
    this.showNotice(reply.ok ? undefined : reply.error);
  }

  /**
   * Pasted or dropped files: images, PDFs and text files go to the host, which sends them inline
   * or, above the inline limit, through the Files API. A refused file says why; the draft and the
   * other chips stay as they were.
   */
  private async attachFiles(files: File[]): Promise<void> {
    const problems: string[] = [];
    for (const file of files) {
      const name = file.name || l10n.t('pasted file');
      const mimeType = attachableType(file);
      if (!mimeType) {
        problems.push(l10n.t('{0} cannot be attached: only images (PNG, JPEG, WebP), PDFs and text files are supported.', name));
        continue;
      }
      const tooLarge = tooLargeToDrop(file);
      if (tooLarge) {
        problems.push(tooLarge);
        continue;
      }
      if (uploadsToFilesApi(file)) this.showNotice(l10n.t('Uploading {0} ({1}) to the Gemini Files API…', name, formatBytes(file.size)), 'info');
      const reply = await this.host.request({ type: 'attachData', mimeType, base64: await readBase64(file), name });
      if (!reply.ok) problems.push(reply.error ?? l10n.t('{0} could not be attached.', name));
    }
    this.showNotice(problems.length ? problems.join(' ') : undefined);
  }

  private renderEditBar(): void {
    this.editBar.hidden = !this.editingTurnId;
    this.element.classList.toggle('editing', !!this.editingTurnId);
  }

  private autosize(): void {
    this.input.style.height = 'auto';
    this.input.style.height = `${Math.min(this.input.scrollHeight, 240)}px`;
  }

  private persist(): void {
    this.host.saveState({ draft: this.input.value, editingTurnId: this.editingTurnId });
  }
}
