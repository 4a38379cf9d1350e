// Files that usually hold secrets. The tools may still read them, but only after the user says
// yes for that very file (see registry.ts); searches skip them. Three checks, all pure:
// - by name: the deny list below, in gitignore syntax, case-insensitively, at any depth (a
//   pattern with a '/' in it is anchored to the root in gitignore syntax, so those carry '**/');
// - by content: a file that starts with a PEM private key header, whatever its name;
// - by links: a regular file with more than one hard link, whose other names we cannot see (one
//   may be `.env` or a file outside the workspace).
import ignore, { type Ignore } from 'ignore';
import type { EntryStat, WorkspaceLocation, WorkspacePort } from './workspacePort';

export const SENSITIVE_PATTERNS: readonly string[] = [
  '*.env', '.env', '.env.*', '!.env.example', '!.env.sample', '!.env.template', '!.env.dist', '.envrc',
  '*.pem', '*.key', '*.p12', '*.pfx', '*.jks', '*.keystore', '*.kdbx', '*.ppk', '*.asc', '*.gpg',
  'id_rsa*', 'id_dsa*', 'id_ecdsa*', 'id_ed25519*', '!id_*.pub',
  '.npmrc', '.yarnrc.yml', '.pypirc', '.netrc', '_netrc', '.git-credentials', '.htpasswd', '.pgpass',
  'credentials', 'credentials.json', 'credentials.*', 'secrets.*', 'service-account*.json',
  '**/.ssh/**', '**/.aws/credentials', '**/.aws/config', '**/.docker/config.json', '**/.kube/config',
  'kubeconfig', '*.kubeconfig', '**/.hg/hgrc', '.terraformrc',
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

/** How many leading bytes privateKeyRule looks at: enough for a BOM, blank lines and the header. */
export const PRIVATE_KEY_SNIFF_BYTES = 1024;
const PEM_PRIVATE_KEY = /^-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/;

/**
 * 'content: PEM private key' when the text starts (after a BOM and blank space) with a PEM
 * private key header such as `-----BEGIN OPENSSH PRIVATE KEY-----`, whatever the file is called.
 * Only the first PRIVATE_KEY_SNIFF_BYTES bytes are looked at.
 */
export function privateKeyRule(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, PRIVATE_KEY_SNIFF_BYTES));
  return PEM_PRIVATE_KEY.test(head.replace(/^[\uFEFF\s]+/, '')) ? 'content: PEM private key' : undefined;
}

/**
 * The hard-link policy: a regular file with more than one name gets the approval path, because
 * its other names may be `.env` or lie outside the workspace, and nothing tells us which. The
 * link count is unknown (undefined) on remote and virtual file systems; there it is not checked.
 */
export function hardLinkRule(stat: EntryStat): string | undefined {
  if (stat.kind !== 'file' || stat.links === undefined || stat.links <= 1) return undefined;
  return `hard link: the file has ${stat.links} names`;
}

/**
 * The check a search runs on a file it found matches in, before showing any line of it: the
 * content (its first bytes: pass them when already read, else they are read here) and then the
 * link count. Every search backend calls this on each file with matches; the name check
 * (sensitiveRule) has already skipped the rest.
 */
export async function sensitiveMatchedFile(port: WorkspacePort, location: WorkspaceLocation, bytes?: Uint8Array): Promise<string | undefined> {
  const head = bytes ?? await port.readFile(location, { offset: 0, length: PRIVATE_KEY_SNIFF_BYTES }).catch(() => undefined);
  // A file that cannot be read now cannot be vouched for: treat it as sensitive.
  if (!head) return 'unreadable: could not check its content';
  const byContent = privateKeyRule(head);
  if (byContent) return byContent;
  const stat = await port.stat(location).catch(() => undefined);
  return stat ? hardLinkRule(stat) : undefined;
}
