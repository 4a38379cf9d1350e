// Command output is scrubbed before the model reads it: a test run or `env` can print the API key
// or other credentials. The project's one redaction (common/logger's redact: the registered keys,
// also percent-encoded, and anything shaped like a known key or token) plus the value of any
// environment-style assignment whose name says it holds a secret (GITHUB_TOKEN=…, DB_PASSWORD=…).
// Pure.
import { redact, REDACTED } from '../common/logger';

/** NAME=value / export NAME="value" / NAME: value where NAME contains KEY, TOKEN, SECRET, PASSWORD… */
const SECRET_ASSIGNMENT = /\b((?:export\s+)?[A-Za-z0-9_]*(?:API_?KEY|APIKEY|ACCESS_?KEY|SECRET|TOKEN|PASSWORD|PASSWD|PRIVATE_?KEY|CREDENTIALS?)[A-Za-z0-9_]*\s*[=:]\s*)(["']?)([^\s"']{6,})\2/gi;

export function scrubCommandOutput(text: string, secrets: Iterable<string>): string {
  return redact(text, secrets).replace(SECRET_ASSIGNMENT, (_match, name: string, quote: string) => `${name}${quote}${REDACTED}${quote}`);
}
