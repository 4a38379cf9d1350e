// The texts the pure folders hand to a person, in Spanish once the display language is set: the
// exported chat, the agent's per-file outcome on the card (while the model's report stays English),
// VS Code's write confirmation, @gemini's progress lines and follow-ups, an editor action's
// unusable-answer error, and ids inside sentences (thinking levels, finish reasons) shown by
// their display names while the values sent and stored stay ids.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { configureL10n } from '../../src/common/l10n';
import { chatToMarkdown } from '../../src/chat/export';
import type { ChatSession } from '../../src/chat/session';
import { ChangeSet, fileView } from '../../src/agent/changeSet';
import { reviewReport } from '../../src/agent/report';
import { appliedReport, writeConfirmation } from '../../src/agent/lmConfirmation';
import { followupsFor, toolProgress } from '../../src/lm/participant';
import { parseCodeProposal } from '../../src/actions/proposal';
import { describeAnswerEnd } from '../../src/gemini/errors';
import { thinkingControl } from '../../src/gemini/thinking';

const root = path.resolve(__dirname, '..', '..', '..');
const spanish = JSON.parse(readFileSync(path.join(root, 'l10n/bundle.l10n.es.json'), 'utf8')) as Record<string, string>;
const folder = { index: 0, name: 'ws', uri: 'file:///ws' };
const existing = (text: string) => () => ({ text, bom: false, eol: '\n' as const, base: { exists: true } });

describe('l10n: the pure folders speak the display language', () => {
  beforeEach(() => configureL10n(spanish, 'es'));
  afterEach(() => configureL10n(undefined, 'en'));

  it('exports a chat with Spanish headings, notes and numbers, keeping the chat\'s own text', () => {
    const session: ChatSession = { version: 1, id: 'c1', title: 'Parse YAML', createdAt: 0, updatedAt: Date.UTC(2026, 11, 7, 9, 30), turns: [
      { role: 'user', id: 'u1', text: 'How do I parse YAML?', attachments: [], createdAt: 0 },
      { role: 'model', id: 'm1', status: 'stopped', createdAt: 0, model: 'gemini-3.8-flash', segments: [{ kind: 'text', text: 'Use a library.' }, { kind: 'codeExecution', execution: { result: { outcome: 'OUTCOME_DEADLINE_EXCEEDED', output: 'partial' } } }],
        grounding: { sources: [], citations: [], queries: [], urls: [{ uri: 'https://example.com/yaml', status: 'paywall' }] },
        usage: { promptTokens: 12345, outputTokens: 678, thoughtsTokens: 9, cachedTokens: 0, toolUsePromptTokens: 0, totalTokens: 13032 } },
    ] } as ChatSession;
    const markdown = chatToMarkdown(session);
    assert.match(markdown, /^# Parse YAML\n\n_Exportado el [^_]*\d[^_]*_\n/);
    assert.match(markdown, /## Tú\n\nHow do I parse YAML\?/);
    assert.match(markdown, /## Gemini \(gemini-3\.8-flash\)\n\nUse a library\./);
    assert.match(markdown, /_Detenida por el usuario\._/);
    assert.match(markdown, /Salida \(Tiempo agotado\):\n```\npartial\n```/);
    assert.match(markdown, /Páginas leídas:\n- <https:\/\/example\.com\/yaml> \(tras un muro de pago: no se leyó\)/);
    assert.match(markdown, /_Tokens: 12\.345 de entrada, 678 de salida, 9 de razonamiento\._/);
    assert.doesNotMatch(markdown, /Exported|## You|Stopped by the user|Tokens: .* in,/);
  });

  it('shows a file\'s conflict on the card in Spanish while the model\'s reports keep the English detail', () => {
    const set = new ChangeSet();
    set.proposeEdit({ folder, path: 'a.ts' }, 'a.ts', existing('one\ntwo\n'), 'two', 'TWO');
    const [file] = set.files;
    set.decide(file.id, 'accepted');
    Object.assign(file, { outcome: 'conflict', detail: 'it changed on disk after the proposal', userDetail: spanish['it changed on disk after the proposal'] });
    assert.equal(fileView(file).detail, 'cambió en el disco después de la propuesta');
    assert.match(reviewReport(set, []), /- NOT applied, conflict: a\.ts: it changed on disk after the proposal\. Read it again/);
    assert.match(appliedReport(set).text, /Not written: edit a\.ts: it changed on disk after the proposal\./);
    delete file.userDetail;
    assert.equal(fileView(file).detail, 'it changed on disk after the proposal', 'a detail without a translation is shown as it is');
  });

  it('asks VS Code\'s write confirmation in Spanish, with the path and the diff as they are', () => {
    const set = new ChangeSet();
    set.proposeEdit({ folder, path: 'src/a.ts' }, 'src/a.ts', existing('one\ntwo\n'), 'two', 'TWO');
    const { title, invocation, message } = writeConfirmation(set, ['*.ts']);
    assert.equal(title, 'Gemini: ¿editar el archivo sensible src/a.ts?');
    assert.equal(invocation, 'Gemini: editando src/a.ts', 'while it runs: a statement, without the question marks');
    assert.match(message, /^Cambia ` src\/a\.ts ` \(\+1 −1\):\n\n```diff\n@@ line 2 @@\n-two\n\+TWO\n```/);
    assert.match(message, /\*\*Archivo sensible\*\* \(coincide con ` \*\.ts `\)/);
    assert.match(message, /Deshacer lo revierte/);
  });

  it('gives @gemini\'s progress lines and follow-ups in Spanish', () => {
    assert.equal(toolProgress({ id: '1', name: 'read_file', args: { path: 'src/a.ts' } }), 'Leyendo src/a.ts');
    assert.equal(toolProgress({ id: '2', name: 'get_selection', args: {} }), 'Leyendo la selección');
    assert.deepEqual(followupsFor({ prompt: 'q', filesRead: ['src/util/a.ts'] }), [{ prompt: 'Sugiere mejoras para src/util/a.ts', label: 'Sugiere mejoras para a.ts' }]);
    assert.deepEqual(followupsFor({ prompt: 'q', filesRead: [], failure: { code: 'network', retryable: true } }), [{ prompt: 'q', label: 'Reintentar' }]);
  });

  it('explains an unusable editor-action answer in Spanish', () => {
    assert.throws(() => parseCodeProposal('{"rationale":"r","code":42}'),
      (error: Error) => error.message === 'No se pudo usar la respuesta de Gemini: "code" era un número, no texto. No se cambió nada; vuelve a ejecutar la acción.');
  });

  it('names finish reasons and thinking levels by their display names; the ids stay in the values', () => {
    assert.match(describeAnswerEnd({ finishReason: 'PROHIBITED_CONTENT' }).failure.message, /\(contenido prohibido\)/);
    assert.match(describeAnswerEnd({ blockReason: 'SAFETY' }).failure.message, /\(motivo: filtro de seguridad\)/);
    assert.match(describeAnswerEnd({ finishReason: 'A_NEW_REASON' }).failure.message, /A_NEW_REASON/, 'an id this version does not know is shown as it came');
    assert.match(describeAnswerEnd({}).failure.message, /desconocido/);
    const levels = thinkingControl('gemini-3.1-pro-preview').options.filter((option) => option.value.startsWith('level:'));
    assert.deepEqual(levels, [
      { value: 'level:low', label: 'Razonamiento: bajo' },
      { value: 'level:medium', label: 'Razonamiento: medio' },
      { value: 'level:high', label: 'Razonamiento: alto' },
    ]);
  });
});
