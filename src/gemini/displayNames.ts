// Display names, in the display language, for ids the API or the settings use and a person reads
// inside a sentence: thinking levels (`low`) and why Gemini stopped or blocked a request
// (`PROHIBITED_CONTENT`). The ids themselves stay as they are in settings, requests and logs; an id
// this file does not know is shown as it came, so a new API value is never hidden.
import { l10n } from '../common/l10n';

/** `low` → "low" / "bajo" (a ThinkingLevel; typed as a string so thinking.ts can import this file). */
export function thinkingLevelName(level: string): string {
  switch (level) {
    case 'minimal': return l10n.t('minimal');
    case 'low': return l10n.t('low');
    case 'medium': return l10n.t('medium');
    case 'high': return l10n.t('high');
    default: return level;
  }
}

/** A finish reason or prompt block reason (`SAFETY`, `BLOCKLIST`, …); undefined → "unknown". */
export function stopReasonName(reason: string | undefined): string {
  switch (reason) {
    case undefined: case '': return l10n.t('unknown');
    case 'SAFETY': return l10n.t('safety filter');
    case 'IMAGE_SAFETY': return l10n.t('image safety filter');
    case 'PROHIBITED_CONTENT': return l10n.t('prohibited content');
    case 'BLOCKLIST': return l10n.t('blocked terms');
    case 'SPII': return l10n.t('sensitive personal information');
    case 'RECITATION': return l10n.t('recitation of published text');
    case 'LANGUAGE': return l10n.t('unsupported language');
    case 'MAX_TOKENS': return l10n.t('output token limit');
    case 'MALFORMED_FUNCTION_CALL': return l10n.t('malformed tool call');
    case 'UNEXPECTED_TOOL_CALL': return l10n.t('unexpected tool call');
    case 'TOO_MANY_TOOL_CALLS': return l10n.t('too many tool calls');
    case 'NO_IMAGE': return l10n.t('no image generated');
    case 'OTHER': case 'FINISH_REASON_UNSPECIFIED': case 'BLOCKED_REASON_UNSPECIFIED': return l10n.t('unspecified');
    default: return reason;
  }
}
