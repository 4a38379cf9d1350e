// Our workspace tools as VS Code language-model tools: package.json's languageModelTools say
// exactly what the one tools table says (names, descriptions, input schemas), the provider and
// participant ids match the code, and the confirmation flow keeps the policy: what our policy
// would ask about is put to the user by VS Code first, and nothing unconfirmed is read.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { LM_VENDOR } from '../../../src/lm/models';
import { PARTICIPANT_ID } from '../../../src/lm/participant';
import {
  callKey, confirmationFor, ConfirmedCalls, jsonSchemaOf, LM_OFFERED_TOOLS, lmToolContributions, lmToolName, lmToolStrings, tableToolName, VsCodeConfirmedApprover,
} from '../../../src/lm/tools';
import { SEMANTIC_INDEX_CONTEXT } from '../../../src/semantic/contextKeys';
import { ToolCallContext } from '../../../src/tools/context';
import { parametersSchema } from '../../../src/tools/schema';
import { SEMANTIC_TOOLS, WORKSPACE_TOOLS } from '../../../src/tools/table';
import { ToolRegistry } from '../../../src/tools/registry';
import { CountingPort, DEFAULT_TEST_SETTINGS, makeSandbox, MemoryLogger, Sandbox, ScriptedApprover, SECRET_VALUE } from '../tools/fixture';

const root = path.resolve(__dirname, '..', '..', '..', '..');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const nls = JSON.parse(readFileSync(path.join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;

describe('LM tools: package.json against the tools table', () => {
  it('contributes exactly the workspace and semantic tools of src/tools/table.ts, with their descriptions and input schemas', () => {
    const contributed = manifest.contributes.languageModelTools as { name: string; modelDescription: string; inputSchema: object }[];
    assert.deepEqual(LM_OFFERED_TOOLS, [...WORKSPACE_TOOLS, ...SEMANTIC_TOOLS]);
    assert.deepEqual(contributed.map((tool) => tool.name), LM_OFFERED_TOOLS.map((tool) => lmToolName(tool.name)));
    LM_OFFERED_TOOLS.forEach((tool, i) => {
      assert.equal(contributed[i].modelDescription, tool.vscodeDescription ?? tool.description, tool.name);
      assert.deepEqual(contributed[i].inputSchema, jsonSchemaOf(tool.params), tool.name);
    });
    assert.deepEqual(contributed, lmToolContributions(), 'regenerate with: node scripts/sync-lm-tools.mjs');
  });

  it('offers the write tools tagged as edits, only in a trusted window with a folder, telling the model they write once confirmed', () => {
    const contributed = manifest.contributes.languageModelTools as { name: string; tags: string[]; when?: string; modelDescription: string }[];
    for (const tool of WORKSPACE_TOOLS) {
      const entry = contributed.find((c) => c.name === lmToolName(tool.name))!;
      if (tool.agentOnly) {
        assert.deepEqual(entry.tags, ['gemini', 'workspace', 'edit'], tool.name);
        assert.equal(entry.when, 'isWorkspaceTrusted && workbenchState != empty', tool.name);
        assert.match(entry.modelDescription, /written only when they allow it/, tool.name);
        assert.doesNotMatch(entry.modelDescription, /Changes card|reviews all proposed/, tool.name);
      } else {
        assert.deepEqual(entry.tags, ['gemini', 'workspace', 'read-only'], tool.name);
        assert.equal(entry.when, undefined, tool.name);
      }
    }
    assert.deepEqual(contributed.filter((c) => c.tags.includes('edit')).map((c) => c.name), ['gemini_edit_file', 'gemini_create_file', 'gemini_rename_file', 'gemini_delete_file']);
  });

  it('offers semantic search to VS Code\'s chat as gemini_search_code_semantic, read-only, only while the index context key holds', () => {
    const contributed = manifest.contributes.languageModelTools as { name: string; toolReferenceName: string; canBeReferencedInPrompt: boolean; tags: string[]; when?: string; modelDescription: string; inputSchema: { required?: string[] } }[];
    const entry = contributed.find((c) => c.name === 'gemini_search_code_semantic');
    assert.ok(entry, 'gemini_search_code_semantic is contributed');
    assert.equal(SEMANTIC_INDEX_CONTEXT, 'gemini.semanticIndexReady');
    assert.equal(entry.when, SEMANTIC_INDEX_CONTEXT);
    assert.equal(entry.toolReferenceName, 'geminiSearchCodeSemantic');
    assert.equal(entry.canBeReferencedInPrompt, true);
    assert.deepEqual(entry.tags, ['gemini', 'workspace', 'read-only']);
    assert.deepEqual(entry.inputSchema.required, ['query']);
    // VS Code's model knows our other tools by their prefixed names.
    assert.match(entry.modelDescription, /gemini_search_text/);
    assert.doesNotMatch(entry.modelDescription, /(?<!gemini_)search_text/);
    assert.deepEqual(contributed.filter((c) => c.when === SEMANTIC_INDEX_CONTEXT).map((c) => c.name), ['gemini_search_code_semantic']);
  });

  it('declares to VS Code the same parameters Gemini is told about', () => {
    for (const tool of LM_OFFERED_TOOLS) {
      const gemini = parametersSchema(tool.params) as { properties: Record<string, { type: string; description: string }>; required?: string[] };
      const vscode = jsonSchemaOf(tool.params);
      assert.deepEqual(Object.keys(vscode.properties), Object.keys(gemini.properties), tool.name);
      assert.deepEqual(vscode.required ?? [], gemini.required ?? [], tool.name);
      for (const [name, property] of Object.entries(vscode.properties)) {
        assert.equal(String(property.type).toUpperCase(), gemini.properties[name].type, `${tool.name}.${name}`);
        assert.equal(property.description, gemini.properties[name].description);
      }
    }
  });

  it('has a generator whose --check agrees with package.json', () => {
    execFileSync(process.execPath, [path.join(root, 'scripts', 'sync-lm-tools.mjs'), '--check'], { cwd: root, stdio: 'pipe' });
  });

  it('names tools with our prefix, people-facing names (localised) and # references', () => {
    for (const contribution of lmToolContributions()) {
      assert.match(contribution.name, /^gemini_[a-z_]+$/);
      assert.equal(lmToolName(tableToolName(contribution.name)!), contribution.name);
      // What people read is localised: package.nls.json holds the English, package.nls.es.json the Spanish.
      assert.equal(contribution.displayName, `%lmTool.${contribution.name}.displayName%`);
      assert.equal(contribution.userDescription, `%lmTool.${contribution.name}.userDescription%`);
      const displayName = nls[`lmTool.${contribution.name}.displayName`];
      const userDescription = nls[`lmTool.${contribution.name}.userDescription`];
      assert.match(displayName, /^Gemini: [A-Z]/);
      assert.match(contribution.toolReferenceName, /^gemini[A-Z][A-Za-z]+$/);
      assert.ok(userDescription.length > 10 && userDescription.length <= contribution.modelDescription.length);
      assert.ok(contribution.modelDescription.startsWith(userDescription), contribution.name);
    }
    assert.deepEqual(Object.keys(nls).filter((key) => key.startsWith('lmTool.')), Object.keys(lmToolStrings()), 'regenerate with: node scripts/sync-lm-tools.mjs');
    assert.deepEqual(Object.fromEntries(Object.entries(nls).filter(([key]) => key.startsWith('lmTool.'))), lmToolStrings());
    assert.equal(tableToolName('copilot_readFile'), undefined);
  });

  it('contributes the chat model vendor and the @gemini participant the code registers', () => {
    assert.deepEqual(manifest.contributes.languageModelChatProviders.map((p: { vendor: string }) => p.vendor), [LM_VENDOR]);
    const [participant] = manifest.contributes.chatParticipants;
    assert.equal(participant.id, PARTICIPANT_ID);
    assert.equal(participant.name, 'gemini');
  });
});

describe('LM tools: confirmations keep the policy', () => {
  let sandbox: Sandbox;
  before(() => {
    sandbox = makeSandbox();
  });
  after(() => sandbox.cleanup());

  const readFile = WORKSPACE_TOOLS.find((tool) => tool.name === 'read_file')!;

  async function prepare(args: Record<string, unknown>, approval: 'auto' | 'ask' = 'auto') {
    const port = new CountingPort([{ path: sandbox.ws }]);
    const ctx = new ToolCallContext(port, { ...DEFAULT_TEST_SETTINGS, approval }, new AbortController().signal, new MemoryLogger());
    return { prepared: await readFile.prepare(args, ctx), port };
  }

  it('asks for a sensitive file, naming it and its rule, before anything is read', async () => {
    const { prepared, port } = await prepare({ path: '.env' });
    const confirmation = confirmationFor('read_file', { path: '.env' }, prepared, 'auto');
    assert.ok(confirmation);
    assert.match(confirmation.title, /sensitive file \.env/);
    assert.match(confirmation.message, /Sensitive files[^]*\.env  \(matches '\.env\*?'\)/);
    assert.match(confirmation.message, /^```text\n[\s\S]*\n```$/);
    assert.equal(port.contentReads().length, 0, 'preparing reads nothing');
  });

  it('asks for every call in approval mode "ask", and for nothing ordinary in "auto"', async () => {
    const { prepared } = await prepare({ path: 'README.md' });
    assert.equal(confirmationFor('read_file', { path: 'README.md' }, prepared, 'auto'), undefined);
    assert.match(confirmationFor('read_file', { path: 'README.md' }, prepared, 'ask')!.title, /wants to run read_file/);
  });

  it('runs a call VS Code confirmed without asking again, once; an unconfirmed sensitive read goes to our approver and is refused', async () => {
    const port = new CountingPort([{ path: sandbox.ws }]);
    const fallback = new ScriptedApprover('deny');
    const confirmed = new ConfirmedCalls();
    const registry = new ToolRegistry({ port, settings: () => DEFAULT_TEST_SETTINGS, approver: new VsCodeConfirmedApprover(confirmed, fallback), logger: new MemoryLogger() });
    const signal = new AbortController().signal;

    confirmed.expect(callKey('read_file', { path: '.env' }));
    const allowed = await registry.execute({ id: '1', name: 'read_file', args: { path: '.env' } }, signal);
    assert.ok(allowed.ok);
    assert.match(String(allowed.response.output), new RegExp(SECRET_VALUE));
    assert.equal(fallback.requests.length, 0, 'VS Code already asked');

    const reads = port.contentReads().length;
    const refused = await registry.execute({ id: '2', name: 'read_file', args: { path: '.env' } }, signal);
    assert.equal(refused.ok, false, 'the confirmation is used up');
    assert.equal(fallback.requests.length, 1);
    assert.match(String(refused.response.error), /did not allow/);
    assert.equal(port.contentReads().length, reads, 'nothing read without a yes');
  });

  it('matches confirmations by tool and arguments, in any key order, and lets them expire', () => {
    const confirmed = new ConfirmedCalls();
    confirmed.expect(callKey('read_file', { path: 'a', startLine: 1 }), 0);
    assert.equal(confirmed.consume(callKey('read_file', { startLine: 1, path: 'a' }), 1000), true);
    assert.equal(confirmed.consume(callKey('read_file', { startLine: 1, path: 'a' }), 1000), false);
    confirmed.expect(callKey('read_file', { path: 'b' }), 0);
    assert.equal(confirmed.consume(callKey('read_file', { path: 'c' }), 1000), false);
    assert.equal(confirmed.consume(callKey('read_file', { path: 'b' }), 11 * 60_000), false, 'stale after ten minutes');
  });
});
