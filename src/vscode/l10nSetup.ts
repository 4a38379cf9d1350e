// Gives the pure folders (src/common/l10n) VS Code's display language and this extension's
// translated bundle (l10n/bundle.l10n.<language>.json, loaded by VS Code as vscode.l10n.bundle).
// Imported first by both entry points (extension.ts and the lazily loaded core.ts, each bundle has
// its own copy of common/l10n), so module constants of later imports are already translated.
import * as vscode from 'vscode';
import { configureL10n } from '../common/l10n';

configureL10n(vscode.l10n.bundle, vscode.env.language);
