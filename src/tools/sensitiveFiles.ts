// Files that usually hold secrets. The tools may still read them, but only after the user says
// yes for that very file (see registry.ts); searches skip them. Matched with the `ignore`
// package in gitignore syntax, case-insensitively, at any depth.
import ignore, { type Ignore } from 'ignore';

export const SENSITIVE_PATTERNS: readonly string[] = [
  '*.env', '.env', '.env.*', '!.env.example', '!.env.sample', '!.env.template', '!.env.dist',
  '*.pem', '*.key', '*.p12', '*.pfx', '*.jks', '*.keystore', '*.kdbx', '*.ppk', '*.asc', '*.gpg',
  'id_rsa*', 'id_dsa*', 'id_ecdsa*', 'id_ed25519*', '!*.pub',
  '.npmrc', '.yarnrc.yml', '.pypirc', '.netrc', '_netrc', '.git-credentials', '.htpasswd', '.pgpass',
  'credentials', 'credentials.json', 'credentials.*', 'secrets.*', 'service-account*.json',
  '.aws/credentials', '.aws/config', '.docker/config.json', '.kube/config', '.terraformrc',
  '*.tfstate', '*.tfstate.backup', '*.tfvars',
];

// Compiled on first use: building the rules at load would cost every activation a few ms.
let matcher: Ignore | undefined;

/** The deny-list pattern `path` (folder-relative) matches, or undefined when it is not sensitive. */
export function sensitiveRule(path: string): string | undefined {
  if (!path) return undefined;
  const result = (matcher ??= ignore().add([...SENSITIVE_PATTERNS])).test(path);
  return result.ignored ? result.rule?.pattern ?? 'sensitive' : undefined;
}
