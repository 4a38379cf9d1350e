// A chat as a Markdown document: what "Export chat" writes.
import type { ModelSegment } from '../protocol/view';
import type { ChatSession, StoredModelTurn, StoredUserTurn } from './session';

const STATUS_NOTES: Record<string, string> = {
  stopped: '_Stopped by the user._',
  interrupted: '_Interrupted: the window was reloaded while this answer streamed._',
};

export function chatToMarkdown(session: ChatSession): string {
  const out: string[] = [`# ${session.title}`, '', `_Exported ${new Date(session.updatedAt).toISOString()}_`, ''];
  for (const turn of session.turns) {
    out.push(...(turn.role === 'user' ? userSection(turn) : modelSection(turn)), '');
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd() + '\n';
}

function userSection(turn: StoredUserTurn): string[] {
  const lines = ['## You', ''];
  if (turn.attachments.length) lines.push(`Attached: ${turn.attachments.map((a) => `\`${a.detail ?? a.label}\``).join(', ')}`, '');
  lines.push(turn.text);
  return lines;
}

function modelSection(turn: StoredModelTurn): string[] {
  const lines = [`## Gemini${turn.model ? ` (${turn.model})` : ''}`, ''];
  for (const segment of turn.segments) lines.push(...segmentLines(segment), '');
  if (turn.grounding?.sources.length) {
    lines.push('Sources:', ...turn.grounding.sources.map((s, i) => `${i + 1}. [${s.title || s.uri}](${s.uri})`), '');
  }
  if (turn.grounding?.urls?.length) {
    lines.push('Pages read:', ...turn.grounding.urls.map((u) => `- <${u.uri}>${u.status === 'ok' ? '' : ` (${u.status})`}`), '');
  }
  if (turn.error) lines.push(`> **Error:** ${turn.error.message}`, '');
  const note = STATUS_NOTES[turn.status];
  if (note) lines.push(note, '');
  if (turn.usage) {
    const u = turn.usage;
    lines.push(`_Tokens: ${u.promptTokens} in, ${u.outputTokens} out${u.thoughtsTokens ? `, ${u.thoughtsTokens} thinking` : ''}._`);
  }
  return lines;
}

function segmentLines(segment: ModelSegment): string[] {
  switch (segment.kind) {
    case 'text':
      return [segment.text];
    case 'thought':
      return ['<details><summary>Thinking</summary>', '', segment.text, '', '</details>'];
    case 'tool': {
      const outcome = segment.result ? ` — ${segment.result.ok ? '' : 'failed: '}${segment.result.summary}` : '';
      return [`> 🔧 \`${segment.call.name}(${JSON.stringify(segment.call.args)})\`${outcome}`];
    }
    case 'codeExecution': {
      const { code, result } = segment.execution;
      if (code) return ['```' + code.language.toLowerCase(), code.code, '```'];
      return result ? ['Output (' + result.outcome + '):', '```', result.output, '```'] : [];
    }
  }
}
