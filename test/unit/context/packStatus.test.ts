// A kept pack between sends (src/context/packStatus.ts) and its state in the protocol
// (src/protocol/workspacePack.ts): what the webview is told about a pack, the meter's workspace
// share and verdict, the fold of `workspacePack` messages, and the validation of the manifest
// request.
import * as assert from 'node:assert/strict';
import { packInfoOf, verdictWithWorkspace, workspaceShare } from '../../../src/context/packStatus';
import type { WorkspacePack } from '../../../src/context/packer';
import { validateWebviewMessage } from '../../../src/protocol/validate';
import { applyWorkspacePack, type WorkspacePackInfo } from '../../../src/protocol/workspacePack';

const INFO: WorkspacePackInfo = { tokens: 1_000, budgetTokens: 64_000, files: 2, omitted: 3, model: 'gemini-2.5-flash', stale: false };

describe('whole workspace: a kept pack between sends', () => {
  it('tells the webview the size, the budget and the counts of a pack, never its text', () => {
    const pack: WorkspacePack = {
      contents: [{ role: 'user', parts: [{ text: 'SECRET-LOOKING FILE TEXT' }] }], entries: 9,
      manifest: {
        included: [{ display: 'a.ts', tokens: 10 }, { display: 'b.ts', tokens: 20 }],
        omitted: [{ display: '.env', reason: 'sensitive' }, { display: 'logo.png', reason: 'binary' }, { display: 'big.txt', reason: 'budget' }],
        tokens: 1_000, budgetTokens: 64_000,
      },
    };
    assert.deepEqual(packInfoOf(pack, 'gemini-2.5-flash', false), INFO);
    assert.equal(packInfoOf(pack, 'gemini-2.5-flash', true).stale, true);
    assert.ok(!JSON.stringify(packInfoOf(pack, 'm', false)).includes('SECRET'), 'the pack\'s text stays on the host');
  });

  it('counts a pack built for the chat\'s model, else the budget it will be packed to at send', () => {
    assert.deepEqual(workspaceShare(INFO, 'gemini-2.5-flash', 1_000_000), { tokens: 1_000, budgetTokens: 64_000 });
    assert.deepEqual(workspaceShare({ ...INFO, stale: true }, 'gemini-2.5-flash', 1_000_000), { tokens: 1_000, budgetTokens: 64_000, renew: true });
    assert.deepEqual(workspaceShare(INFO, 'gemini-2.5-pro', 1_000_000), { budgetTokens: 500_000 }, 'another model: packed again at send');
    assert.deepEqual(workspaceShare(undefined, 'm', undefined), { budgetTokens: 64_000 }, 'unknown limit: the packer\'s fallback budget');
  });

  it('warns when a pack still to be built may not fit, never when the pack is already counted', () => {
    assert.equal(verdictWithWorkspace('ok', 600, { budgetTokens: 500 }, 1_000), 'near');
    assert.equal(verdictWithWorkspace('ok', 400, { budgetTokens: 500 }, 1_000), 'ok');
    assert.equal(verdictWithWorkspace('ok', 600, { tokens: 100, budgetTokens: 500 }, 1_000), 'ok', 'a counted pack is in the total already');
    assert.equal(verdictWithWorkspace('over', 1_200, { budgetTokens: 500 }, 1_000), 'over');
    assert.equal(verdictWithWorkspace('ok', 600, { budgetTokens: 500 }, undefined), 'ok', 'no limit known: no warning');
  });

  it('folds a chat\'s pack change into the packs by chat id, without touching the others', () => {
    const before = { a: INFO };
    const added = applyWorkspacePack(before, 'b', { ...INFO, files: 5 });
    assert.deepEqual(Object.keys(added), ['a', 'b']);
    assert.deepEqual(before, { a: INFO }, 'a new object: the old state is not changed');
    assert.deepEqual(applyWorkspacePack(added, 'a', undefined), { b: { ...INFO, files: 5 } }, 'dropped');
  });

  it('validates the manifest request: no fields, so it can only name the open chat', () => {
    assert.equal(validateWebviewMessage({ type: 'openPackManifest' }).ok, true);
    assert.equal(validateWebviewMessage({ type: 'openPackManifest', requestId: 4 }).ok, true);
    assert.deepEqual(validateWebviewMessage({ type: 'openPackManifest', chatId: 'c2' }), { ok: false, reason: 'openPackManifest: unexpected field "chatId"' });
    assert.deepEqual(validateWebviewMessage({ type: 'openPackManifest', path: '/etc/passwd' }), { ok: false, reason: 'openPackManifest: unexpected field "path"' });
  });
});
