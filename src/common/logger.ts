// A tiny logging interface so pure modules can log without importing `vscode`, and the one
// redaction every log line and error message goes through.
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

export const REDACTED = '[redacted]';

/**
 * Shapes of keys and tokens that are redacted even when nobody registered them: Google API keys
 * and OAuth access tokens (Vertex), and the common keys of other services a message might quote.
 */
const KEY_SHAPES: readonly RegExp[] = [
  /AIza[0-9A-Za-z_-]{20,}/g,
  /\bya29\.[0-9A-Za-z_-]{20,}/g,
  /\bsk-(?:proj-|ant-)?[A-Za-z0-9_-]{20,}/g,
  /\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{22,})/g,
  /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g,
  /\bxox[abprs]-[A-Za-z0-9-]{10,}/g,
  /-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----|$)/g,
];
const BEARER = /\b(Bearer\s+)[A-Za-z0-9._~+/=-]{16,}/g;
/** A run of URL characters with at least one percent escape in it. */
const ENCODED_RUN = /[A-Za-z0-9_.~+/-]*(?:%[0-9A-Fa-f]{2}[A-Za-z0-9_.~+/-]*)+/g;

/**
 * Replaces every occurrence of each secret (e.g. the API key) with a fixed marker, also when it is
 * percent-encoded (in full or in part), and anything shaped like a key (KEY_SHAPES).
 */
export function redact(text: string, secrets: Iterable<string>): string {
  const known = [...secrets].filter((secret) => secret && secret.length >= 8);
  let out = text;
  for (const secret of known) out = out.split(secret).join(REDACTED);
  for (const shape of KEY_SHAPES) out = out.replace(shape, REDACTED);
  out = out.replace(BEARER, `$1${REDACTED}`);
  if (out.includes('%')) {
    out = out.replace(ENCODED_RUN, (run) => {
      const decoded = percentDecode(run);
      if (known.some((secret) => decoded.includes(secret))) return REDACTED;
      return KEY_SHAPES.some((shape) => new RegExp(shape.source).test(decoded)) ? REDACTED : run;
    });
  }
  return out;
}

function percentDecode(run: string): string {
  try {
    return decodeURIComponent(run);
  } catch {
    return run.replace(/%([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  }
}
